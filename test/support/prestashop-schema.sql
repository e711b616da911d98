-- PrestaShop 8.x database schema: the subset of tables that checkout-doctor reads.
--
-- Source: repository PrestaShop/PrestaShop, file install-dev/data/db_structure.sql,
--         commit 61967d5e7133c38c0a82b8a4d8fe94431c19a590 (8.x line: utf8mb4, no
--         carrier.id_tax_rules_group, orders.note, category_lang.additional_description).
-- Only the tables checkout-doctor reads are kept. Column names, types, defaults,
-- NULL-ability, primary keys and indexes are transcribed from that file; the layout
-- is our own. Placeholders replaced: ENGINE_TYPE -> InnoDB, COLLATION ->
-- COLLATE=utf8mb4_general_ci. PREFIX_ is kept: the loader replaces it (e.g. by ps_).
-- `lang`, `shop_group` and `shop` are not in db_structure.sql (PrestaShop creates
-- them from Doctrine entities); see the comments on those tables.
-- Reference data for tests only.

-- ---------------------------------------------------------------- configuration

CREATE TABLE `PREFIX_configuration` (
  `id_configuration` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_shop_group`    int(11) unsigned DEFAULT NULL,
  `id_shop`          int(11) unsigned DEFAULT NULL,
  `name`             varchar(254)     NOT NULL,
  `value`            text,
  `date_add`         datetime         NOT NULL,
  `date_upd`         datetime         NOT NULL,
  PRIMARY KEY (`id_configuration`),
  KEY `name` (`name`),
  KEY `id_shop` (`id_shop`),
  KEY `id_shop_group` (`id_shop_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_configuration_lang` (
  `id_configuration` int(10) unsigned NOT NULL,
  `id_lang`          int(10) unsigned NOT NULL,
  `value`            text,
  `date_upd`         datetime         DEFAULT NULL,
  PRIMARY KEY (`id_configuration`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- lang, shops

-- not in db_structure.sql: columns per api-notes §7
-- (types follow the Doctrine mapping in src/PrestaShopBundle/Entity/Lang.php:
--  integer id, string(32/2/5/5/32/32), boolean -> tinyint(1), all NOT NULL)
CREATE TABLE `PREFIX_lang` (
  `id_lang`          int(11)     NOT NULL AUTO_INCREMENT,
  `name`             varchar(32) NOT NULL,
  `active`           tinyint(1)  NOT NULL,
  `iso_code`         varchar(2)  NOT NULL,
  `language_code`    varchar(5)  NOT NULL,
  `locale`           varchar(5)  NOT NULL,
  `date_format_lite` varchar(32) NOT NULL,
  `date_format_full` varchar(32) NOT NULL,
  `is_rtl`           tinyint(1)  NOT NULL,
  PRIMARY KEY (`id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- not in db_structure.sql: columns per api-notes §7
-- (types follow the Doctrine mapping in src/PrestaShopBundle/Entity/ShopGroup.php)
CREATE TABLE `PREFIX_shop_group` (
  `id_shop_group`  int(11)     NOT NULL AUTO_INCREMENT,
  `name`           varchar(64) NOT NULL,
  `color`          varchar(50) NOT NULL,
  `share_customer` tinyint(1)  NOT NULL,
  `share_order`    tinyint(1)  NOT NULL,
  `share_stock`    tinyint(1)  NOT NULL,
  `active`         tinyint(1)  NOT NULL,
  `deleted`        tinyint(1)  NOT NULL,
  PRIMARY KEY (`id_shop_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- not in db_structure.sql: columns per api-notes §7
-- (types follow the Doctrine mapping in src/PrestaShopBundle/Entity/Shop.php;
--  `color` varchar(50) NOT NULL as added by the 1.7.8 upgrade)
CREATE TABLE `PREFIX_shop` (
  `id_shop`       int(11)      NOT NULL AUTO_INCREMENT,
  `id_shop_group` int(11)      NOT NULL,
  `name`          varchar(64)  NOT NULL,
  `color`         varchar(50)  NOT NULL,
  `id_category`   int(11)      NOT NULL,
  `theme_name`    varchar(255) NOT NULL,
  `active`        tinyint(1)   NOT NULL,
  `deleted`       tinyint(1)   NOT NULL,
  PRIMARY KEY (`id_shop`),
  KEY `id_shop_group` (`id_shop_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_shop_url` (
  `id_shop_url`  int(11) unsigned NOT NULL AUTO_INCREMENT,
  `id_shop`      int(11) unsigned NOT NULL,
  `domain`       varchar(150)     NOT NULL,
  `domain_ssl`   varchar(150)     NOT NULL,
  `physical_uri` varchar(64)      NOT NULL,
  `virtual_uri`  varchar(64)      NOT NULL,
  `main`         tinyint(1)       NOT NULL,
  `active`       tinyint(1)       NOT NULL,
  PRIMARY KEY (`id_shop_url`),
  KEY `id_shop` (`id_shop`, `main`),
  UNIQUE KEY `full_shop_url` (`domain`, `physical_uri`, `virtual_uri`),
  UNIQUE KEY `full_shop_url_ssl` (`domain_ssl`, `physical_uri`, `virtual_uri`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- customer groups

CREATE TABLE `PREFIX_group` (
  `id_group`             int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `reduction`            decimal(5,2)        NOT NULL DEFAULT '0.00',
  `price_display_method` tinyint             NOT NULL DEFAULT '0',
  `show_prices`          tinyint(1) unsigned NOT NULL DEFAULT '1',
  `date_add`             datetime            NOT NULL,
  `date_upd`             datetime            NOT NULL,
  PRIMARY KEY (`id_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_group_lang` (
  `id_group` int(10) unsigned NOT NULL,
  `id_lang`  int(10) unsigned NOT NULL,
  `name`     varchar(32)      NOT NULL,
  PRIMARY KEY (`id_group`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_group_shop` (
  `id_group` int(11) unsigned NOT NULL,
  `id_shop`  int(11) unsigned NOT NULL,
  PRIMARY KEY (`id_group`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- categories

CREATE TABLE `PREFIX_category` (
  `id_category`      int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_parent`        int(10) unsigned    NOT NULL,
  `id_shop_default`  int(10) unsigned    NOT NULL DEFAULT 1,
  `level_depth`      tinyint(3) unsigned NOT NULL DEFAULT '0',
  `nleft`            int(10) unsigned    NOT NULL DEFAULT '0',
  `nright`           int(10) unsigned    NOT NULL DEFAULT '0',
  `active`           tinyint(1) unsigned NOT NULL DEFAULT '0',
  `date_add`         datetime            NOT NULL,
  `date_upd`         datetime            NOT NULL,
  `position`         int(10) unsigned    NOT NULL DEFAULT '0',
  `is_root_category` tinyint(1)          NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_category`),
  KEY `category_parent` (`id_parent`),
  KEY `nleftrightactive` (`nleft`, `nright`, `active`),
  KEY `level_depth` (`level_depth`),
  KEY `nright` (`nright`),
  KEY `activenleft` (`active`, `nleft`),
  KEY `activenright` (`active`, `nright`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_category_lang` (
  `id_category`            int(10) unsigned NOT NULL,
  `id_shop`                int(11) unsigned NOT NULL DEFAULT '1',
  `id_lang`                int(10) unsigned NOT NULL,
  `name`                   varchar(128)     NOT NULL,
  `description`            text,
  `additional_description` text,
  `link_rewrite`           varchar(128)     NOT NULL,
  `meta_title`             varchar(255)     DEFAULT NULL,
  `meta_keywords`          varchar(255)     DEFAULT NULL,
  `meta_description`       varchar(512)     DEFAULT NULL,
  PRIMARY KEY (`id_category`, `id_shop`, `id_lang`),
  KEY `category_name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_category_group` (
  `id_category` int(10) unsigned NOT NULL,
  `id_group`    int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_category`, `id_group`),
  KEY `id_category` (`id_category`),
  KEY `id_group` (`id_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- note: signed int(11) here, as in the source
CREATE TABLE `PREFIX_category_shop` (
  `id_category` int(11)          NOT NULL,
  `id_shop`     int(11)          NOT NULL,
  `position`    int(10) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_category`, `id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- customers

CREATE TABLE `PREFIX_customer` (
  `id_customer`                int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_shop_group`              int(11) unsigned    NOT NULL DEFAULT '1',
  `id_shop`                    int(11) unsigned    NOT NULL DEFAULT '1',
  `id_gender`                  int(10) unsigned    NOT NULL,
  `id_default_group`           int(10) unsigned    NOT NULL DEFAULT '1',
  `id_lang`                    int(10) unsigned    NULL,
  `id_risk`                    int(10) unsigned    NOT NULL DEFAULT '1',
  `company`                    varchar(255),
  `siret`                      varchar(14),
  `ape`                        varchar(6),
  `firstname`                  varchar(255)        NOT NULL,
  `lastname`                   varchar(255)        NOT NULL,
  `email`                      varchar(255)        NOT NULL,
  `passwd`                     varchar(255)        NOT NULL,
  `last_passwd_gen`            timestamp           NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `birthday`                   date                DEFAULT NULL,
  `newsletter`                 tinyint(1) unsigned NOT NULL DEFAULT '0',
  `ip_registration_newsletter` varchar(15)         DEFAULT NULL,
  `newsletter_date_add`        datetime            DEFAULT NULL,
  `optin`                      tinyint(1) unsigned NOT NULL DEFAULT '0',
  `website`                    varchar(128),
  `outstanding_allow_amount`   decimal(20,6)       NOT NULL DEFAULT '0.00',
  `show_public_prices`         tinyint(1) unsigned NOT NULL DEFAULT '0',
  `max_payment_days`           int(10) unsigned    NOT NULL DEFAULT '60',
  `secure_key`                 varchar(32)         NOT NULL DEFAULT '-1',
  `note`                       text,
  `active`                     tinyint(1) unsigned NOT NULL DEFAULT '0',
  `is_guest`                   tinyint(1)          NOT NULL DEFAULT '0',
  `deleted`                    tinyint(1)          NOT NULL DEFAULT '0',
  `date_add`                   datetime            NOT NULL,
  `date_upd`                   datetime            NOT NULL,
  `reset_password_token`       varchar(40)         DEFAULT NULL,
  `reset_password_validity`    datetime            DEFAULT NULL,
  PRIMARY KEY (`id_customer`),
  KEY `customer_email` (`email`),
  KEY `customer_login` (`email`, `passwd`),
  KEY `id_customer_passwd` (`id_customer`, `passwd`),
  KEY `id_gender` (`id_gender`),
  KEY `id_shop_group` (`id_shop_group`),
  KEY `id_shop` (`id_shop`, `date_add`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_customer_group` (
  `id_customer` int(10) unsigned NOT NULL,
  `id_group`    int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_customer`, `id_group`),
  KEY `customer_login` (`id_group`),
  KEY `id_customer` (`id_customer`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- cart rules

CREATE TABLE `PREFIX_cart_rule` (
  `id_cart_rule`              int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_customer`               int unsigned        NOT NULL DEFAULT '0',
  `date_from`                 datetime            NOT NULL,
  `date_to`                   datetime            NOT NULL,
  `description`               text,
  `quantity`                  int(10) unsigned    NOT NULL DEFAULT '0',
  `quantity_per_user`         int(10) unsigned    NOT NULL DEFAULT '0',
  `priority`                  int(10) unsigned    NOT NULL DEFAULT 1,
  `partial_use`               tinyint(1) unsigned NOT NULL DEFAULT '0',
  `code`                      varchar(254)        NOT NULL,
  `minimum_amount`            decimal(20,6)       NOT NULL DEFAULT '0.000000',
  `minimum_amount_tax`        tinyint(1)          NOT NULL DEFAULT '0',
  `minimum_amount_currency`   int unsigned        NOT NULL DEFAULT '0',
  `minimum_amount_shipping`   tinyint(1)          NOT NULL DEFAULT '0',
  `country_restriction`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `carrier_restriction`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `group_restriction`         tinyint(1) unsigned NOT NULL DEFAULT '0',
  `cart_rule_restriction`     tinyint(1) unsigned NOT NULL DEFAULT '0',
  `product_restriction`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `shop_restriction`          tinyint(1) unsigned NOT NULL DEFAULT '0',
  `free_shipping`             tinyint(1)          NOT NULL DEFAULT '0',
  `reduction_percent`         decimal(5,2)        NOT NULL DEFAULT '0.00',
  `reduction_amount`          decimal(20,6)       NOT NULL DEFAULT '0.000000',
  `reduction_tax`             tinyint(1) unsigned NOT NULL DEFAULT '0',
  `reduction_currency`        int(10) unsigned    NOT NULL DEFAULT '0',
  `reduction_product`         int(10)             NOT NULL DEFAULT '0',
  `reduction_exclude_special` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `gift_product`              int(10) unsigned    NOT NULL DEFAULT '0',
  `gift_product_attribute`    int(10) unsigned    NOT NULL DEFAULT '0',
  `highlight`                 tinyint(1) unsigned NOT NULL DEFAULT '0',
  `active`                    tinyint(1) unsigned NOT NULL DEFAULT '0',
  `date_add`                  datetime            NOT NULL,
  `date_upd`                  datetime            NOT NULL,
  PRIMARY KEY (`id_cart_rule`),
  KEY `id_customer` (`id_customer`, `active`, `date_to`),
  KEY `group_restriction` (`group_restriction`, `active`, `date_to`),
  KEY `id_customer_2` (`id_customer`, `active`, `highlight`, `date_to`),
  KEY `group_restriction_2` (`group_restriction`, `active`, `highlight`, `date_to`),
  KEY `date_from` (`date_from`),
  KEY `date_to` (`date_to`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_lang` (
  `id_cart_rule` int(10) unsigned NOT NULL,
  `id_lang`      int(10) unsigned NOT NULL,
  `name`         varchar(254)     NOT NULL,
  PRIMARY KEY (`id_cart_rule`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_group` (
  `id_cart_rule` int(10) unsigned NOT NULL,
  `id_group`     int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_cart_rule`, `id_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_carrier` (
  `id_cart_rule` int(10) unsigned NOT NULL,
  `id_carrier`   int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_cart_rule`, `id_carrier`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_product_rule_group` (
  `id_product_rule_group` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_cart_rule`          int(10) unsigned NOT NULL,
  `quantity`              int(10) unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (`id_product_rule_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_product_rule` (
  `id_product_rule`       int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_product_rule_group` int(10) unsigned NOT NULL,
  `type` enum('products', 'categories', 'attributes', 'manufacturers', 'suppliers') NOT NULL,
  PRIMARY KEY (`id_product_rule`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_cart_rule_product_rule_value` (
  `id_product_rule` int(10) unsigned NOT NULL,
  `id_item`         int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_product_rule`, `id_item`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- orders

CREATE TABLE `PREFIX_order_cart_rule` (
  `id_order_cart_rule` int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_order`           int(10) unsigned    NOT NULL,
  `id_cart_rule`       int(10) unsigned    NOT NULL,
  `id_order_invoice`   int(10) unsigned    DEFAULT '0',
  `name`               varchar(254)        NOT NULL,
  `value`              decimal(20,6)       NOT NULL DEFAULT '0.000000',
  `value_tax_excl`     decimal(20,6)       NOT NULL DEFAULT '0.000000',
  `free_shipping`      tinyint(1)          NOT NULL DEFAULT '0',
  `deleted`            tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_order_cart_rule`),
  KEY `id_order` (`id_order`),
  KEY `id_cart_rule` (`id_cart_rule`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Currencies: a cart rule's minimum_amount_currency points here (name and symbol per language in
-- currency_lang since 1.7.6; currency.name is kept but deprecated).
CREATE TABLE `PREFIX_currency` (
  `id_currency`      int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `name`             varchar(64)         NOT NULL,
  `iso_code`         varchar(3)          NOT NULL DEFAULT '0',
  `numeric_iso_code` varchar(3),
  `precision`        int(2)              NOT NULL DEFAULT 6,
  `conversion_rate`  decimal(13,6)       NOT NULL,
  `deleted`          tinyint(1) unsigned NOT NULL DEFAULT '0',
  `active`           tinyint(1) unsigned NOT NULL DEFAULT '1',
  `unofficial`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `modified`         tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_currency`),
  KEY `currency_iso_code` (`iso_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_currency_lang` (
  `id_currency` int(10) unsigned NOT NULL,
  `id_lang`     int(10) unsigned NOT NULL,
  `name`        varchar(255)     NOT NULL,
  `symbol`      varchar(255)     NOT NULL,
  `pattern`     varchar(255)     DEFAULT NULL,
  PRIMARY KEY (`id_currency`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_currency_shop` (
  `id_currency`     int(11) unsigned NOT NULL,
  `id_shop`         int(11) unsigned NOT NULL,
  `conversion_rate` decimal(13,6)    NOT NULL,
  PRIMARY KEY (`id_currency`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_orders` (
  `id_order`                 int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `reference`                varchar(9),
  `id_shop_group`            int(11) unsigned    NOT NULL DEFAULT '1',
  `id_shop`                  int(11) unsigned    NOT NULL DEFAULT '1',
  `id_carrier`               int(10) unsigned    NOT NULL,
  `id_lang`                  int(10) unsigned    NOT NULL,
  `id_customer`              int(10) unsigned    NOT NULL,
  `id_cart`                  int(10) unsigned    NOT NULL,
  `id_currency`              int(10) unsigned    NOT NULL,
  `id_address_delivery`      int(10) unsigned    NOT NULL,
  `id_address_invoice`       int(10) unsigned    NOT NULL,
  `current_state`            int(10) unsigned    NOT NULL,
  `secure_key`               varchar(32)         NOT NULL DEFAULT '-1',
  `payment`                  varchar(255)        NOT NULL,
  `conversion_rate`          decimal(13,6)       NOT NULL DEFAULT 1,
  `module`                   varchar(255)        DEFAULT NULL,
  `recyclable`               tinyint(1) unsigned NOT NULL DEFAULT '0',
  `gift`                     tinyint(1) unsigned NOT NULL DEFAULT '0',
  `gift_message`             text,
  `mobile_theme`             tinyint(1)          NOT NULL DEFAULT '0',
  `total_discounts`          decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_discounts_tax_incl` decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_discounts_tax_excl` decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_paid`               decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_paid_tax_incl`      decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_paid_tax_excl`      decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_paid_real`          decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_products`           decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_products_wt`        decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_shipping`           decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_shipping_tax_incl`  decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_shipping_tax_excl`  decimal(20,6)       NOT NULL DEFAULT '0.00',
  `carrier_tax_rate`         decimal(10,3)       NOT NULL DEFAULT '0.00',
  `total_wrapping`           decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_wrapping_tax_incl`  decimal(20,6)       NOT NULL DEFAULT '0.00',
  `total_wrapping_tax_excl`  decimal(20,6)       NOT NULL DEFAULT '0.00',
  `round_mode`               tinyint(1)          NOT NULL DEFAULT '2',
  `round_type`               tinyint(1)          NOT NULL DEFAULT '1',
  `invoice_number`           int(10) unsigned    NOT NULL DEFAULT '0',
  `delivery_number`          int(10) unsigned    NOT NULL DEFAULT '0',
  `invoice_date`             datetime            NOT NULL,
  `delivery_date`            datetime            NOT NULL,
  `valid`                    int(1) unsigned     NOT NULL DEFAULT '0',
  `date_add`                 datetime            NOT NULL,
  `date_upd`                 datetime            NOT NULL,
  `note`                     text,
  PRIMARY KEY (`id_order`),
  KEY `reference` (`reference`),
  KEY `id_customer` (`id_customer`),
  KEY `id_cart` (`id_cart`),
  KEY `invoice_number` (`invoice_number`),
  KEY `id_carrier` (`id_carrier`),
  KEY `id_lang` (`id_lang`),
  KEY `id_currency` (`id_currency`),
  KEY `id_address_delivery` (`id_address_delivery`),
  KEY `id_address_invoice` (`id_address_invoice`),
  KEY `id_shop_group` (`id_shop_group`),
  KEY `current_state` (`current_state`),
  KEY `id_shop` (`id_shop`),
  KEY `date_add` (`date_add`),
  KEY `invoice_date` (`invoice_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_order_history` (
  `id_order_history` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `id_employee`      int(10) unsigned NOT NULL,
  `id_order`         int(10) unsigned NOT NULL,
  `id_order_state`   int(10) unsigned NOT NULL,
  `date_add`         datetime         NOT NULL,
  PRIMARY KEY (`id_order_history`),
  KEY `order_history_order` (`id_order`),
  KEY `id_employee` (`id_employee`),
  KEY `id_order_state` (`id_order_state`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_order_state` (
  `id_order_state` int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `invoice`        tinyint(1) unsigned DEFAULT '0',
  `send_email`     tinyint(1) unsigned NOT NULL DEFAULT '0',
  `module_name`    varchar(255)        NULL DEFAULT NULL,
  `color`          varchar(32)         DEFAULT NULL,
  `unremovable`    tinyint(1) unsigned NOT NULL,
  `hidden`         tinyint(1) unsigned NOT NULL DEFAULT '0',
  `logable`        tinyint(1)          NOT NULL DEFAULT '0',
  `delivery`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `shipped`        tinyint(1) unsigned NOT NULL DEFAULT '0',
  `paid`           tinyint(1) unsigned NOT NULL DEFAULT '0',
  `pdf_invoice`    tinyint(1) unsigned NOT NULL DEFAULT '0',
  `pdf_delivery`   tinyint(1) unsigned NOT NULL DEFAULT '0',
  `deleted`        tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_order_state`),
  KEY `module_name` (`module_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_order_state_lang` (
  `id_order_state` int(10) unsigned NOT NULL,
  `id_lang`        int(10) unsigned NOT NULL,
  `name`           varchar(64)      NOT NULL,
  `template`       varchar(64)      NOT NULL,
  PRIMARY KEY (`id_order_state`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- carriers and zones

CREATE TABLE `PREFIX_carrier` (
  `id_carrier`           int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_reference`         int(10) unsigned    NOT NULL,
  `name`                 varchar(64)         NOT NULL,
  `url`                  varchar(255)        DEFAULT NULL,
  `active`               tinyint(1) unsigned NOT NULL DEFAULT '0',
  `deleted`              tinyint(1) unsigned NOT NULL DEFAULT '0',
  `shipping_handling`    tinyint(1) unsigned NOT NULL DEFAULT '1',
  `range_behavior`       tinyint(1) unsigned NOT NULL DEFAULT '0',
  `is_module`            tinyint(1) unsigned NOT NULL DEFAULT '0',
  `is_free`              tinyint(1) unsigned NOT NULL DEFAULT '0',
  `shipping_external`    tinyint(1) unsigned NOT NULL DEFAULT '0',
  `need_range`           tinyint(1) unsigned NOT NULL DEFAULT '0',
  `external_module_name` varchar(64)         DEFAULT NULL,
  `shipping_method`      int(2)              NOT NULL DEFAULT '0',
  `position`             int(10) unsigned    NOT NULL DEFAULT '0',
  `max_width`            int(10)             DEFAULT '0',
  `max_height`           int(10)             DEFAULT '0',
  `max_depth`            int(10)             DEFAULT '0',
  `max_weight`           decimal(20,6)       DEFAULT '0',
  `grade`                int(10)             DEFAULT '0',
  PRIMARY KEY (`id_carrier`),
  KEY `deleted` (`deleted`, `active`),
  KEY `reference` (`id_reference`, `deleted`, `active`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_carrier_lang` (
  `id_carrier` int(10) unsigned NOT NULL,
  `id_shop`    int(11) unsigned NOT NULL DEFAULT '1',
  `id_lang`    int(10) unsigned NOT NULL,
  `delay`      varchar(512)     DEFAULT NULL,
  PRIMARY KEY (`id_lang`, `id_shop`, `id_carrier`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_carrier_zone` (
  `id_carrier` int(10) unsigned NOT NULL,
  `id_zone`    int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_carrier`, `id_zone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_carrier_shop` (
  `id_carrier` int(11) unsigned NOT NULL,
  `id_shop`    int(11) unsigned NOT NULL,
  PRIMARY KEY (`id_carrier`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_carrier_group` (
  `id_carrier` int(10) unsigned NOT NULL,
  `id_group`   int(10) unsigned NOT NULL,
  PRIMARY KEY (`id_carrier`, `id_group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- carriers allowed for each (payment) module; keyed on the carrier's id_reference
-- (note: id_reference is signed int(11) here, as in the source)
CREATE TABLE `PREFIX_module_carrier` (
  `id_module`    int(10) unsigned NOT NULL,
  `id_shop`      int(11) unsigned NOT NULL DEFAULT '1',
  `id_reference` int(11)          NOT NULL,
  PRIMARY KEY (`id_module`, `id_shop`, `id_reference`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_zone` (
  `id_zone` int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `name`    varchar(64)         NOT NULL,
  `active`  tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_zone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_zone_shop` (
  `id_zone` int(11) unsigned NOT NULL,
  `id_shop` int(11) unsigned NOT NULL,
  PRIMARY KEY (`id_zone`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- countries: checkout reaches a zone through the delivery country (country.id_zone)

CREATE TABLE `PREFIX_country` (
  `id_country`                 int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_zone`                    int(10) unsigned    NOT NULL,
  `id_currency`                int(10) unsigned    NOT NULL DEFAULT '0',
  `iso_code`                   varchar(3)          NOT NULL,
  `call_prefix`                int(10)             NOT NULL DEFAULT '0',
  `active`                     tinyint(1) unsigned NOT NULL DEFAULT '0',
  `contains_states`            tinyint(1)          NOT NULL DEFAULT '0',
  `need_identification_number` tinyint(1)          NOT NULL DEFAULT '0',
  `need_zip_code`              tinyint(1)          NOT NULL DEFAULT '1',
  `zip_code_format`            varchar(12)         NOT NULL DEFAULT '',
  `display_tax_label`          BOOLEAN             NOT NULL,
  PRIMARY KEY (`id_country`),
  KEY `country_iso_code` (`iso_code`),
  KEY `country_` (`id_zone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_country_lang` (
  `id_country` int(10) unsigned NOT NULL,
  `id_lang`    int(10) unsigned NOT NULL,
  `name`       varchar(64)      NOT NULL,
  PRIMARY KEY (`id_country`, `id_lang`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_country_shop` (
  `id_country` int(11) unsigned NOT NULL,
  `id_shop`    int(11) unsigned NOT NULL,
  PRIMARY KEY (`id_country`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- states: an address with a state takes the state's zone (Address::getZoneById)

CREATE TABLE `PREFIX_state` (
  `id_state`     int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `id_country`   int(11) unsigned    NOT NULL,
  `id_zone`      int(11) unsigned    NOT NULL,
  `name`         varchar(80)         NOT NULL,
  `iso_code`     varchar(7)          NOT NULL,
  `tax_behavior` smallint(1)         NOT NULL DEFAULT '0',
  `active`       tinyint(1)          NOT NULL DEFAULT '0',
  PRIMARY KEY (`id_state`),
  KEY `id_country` (`id_country`),
  KEY `name` (`name`),
  KEY `id_zone` (`id_zone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- modules

CREATE TABLE `PREFIX_module` (
  `id_module` int(10) unsigned    NOT NULL AUTO_INCREMENT,
  `name`      varchar(64)         NOT NULL,
  `active`    tinyint(1) unsigned NOT NULL DEFAULT '0',
  `version`   varchar(8)          NOT NULL,
  PRIMARY KEY (`id_module`),
  UNIQUE KEY `name_UNIQUE` (`name`),
  KEY `name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_module_shop` (
  `id_module`     int(11) unsigned NOT NULL,
  `id_shop`       int(11) unsigned NOT NULL,
  `enable_device` tinyint(1)       NOT NULL DEFAULT '7',
  PRIMARY KEY (`id_module`, `id_shop`),
  KEY `id_shop` (`id_shop`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- ---------------------------------------------------------------- webservice

CREATE TABLE `PREFIX_webservice_account` (
  `id_webservice_account` int(11)     NOT NULL AUTO_INCREMENT,
  `key`                   varchar(32) NOT NULL,
  `description`           text        NULL,
  `class_name`            varchar(50) NOT NULL DEFAULT 'WebserviceRequest',
  `is_module`             tinyint(2)  NOT NULL DEFAULT '0',
  `module_name`           varchar(50) NULL DEFAULT NULL,
  `active`                tinyint(2)  NOT NULL,
  PRIMARY KEY (`id_webservice_account`),
  KEY `key` (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `PREFIX_webservice_permission` (
  `id_webservice_permission` int(11)     NOT NULL AUTO_INCREMENT,
  `resource`                 varchar(50) NOT NULL,
  `method` enum('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD') NOT NULL,
  `id_webservice_account`    int(11)     NOT NULL,
  PRIMARY KEY (`id_webservice_permission`),
  UNIQUE KEY `resource_2` (`resource`, `method`, `id_webservice_account`),
  KEY `resource` (`resource`),
  KEY `method` (`method`),
  KEY `id_webservice_account` (`id_webservice_account`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
