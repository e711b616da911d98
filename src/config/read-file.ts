// What loadConfig (./load.ts) imports on demand, once there is a configuration file to read:
// cosmiconfig, its YAML parser and code frames. An ES module of ours in between, because a bundled
// import() of a CommonJS package gives its default export only.
export { cosmiconfig, defaultLoaders } from 'cosmiconfig';
