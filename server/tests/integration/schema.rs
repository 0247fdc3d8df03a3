//! The SeaORM entities against the migrated schema: every table has an
//! entity in `entities::ALL`, and every entity agrees with its table in
//! column names, nullability, types, primary key and foreign keys; the Rust
//! types of its fields read what its `SELECT` returns (a column without a
//! field is listed, with its reason, in `EXEMPT_COLUMNS`). The comparison is
//! itself tested with descriptions spoilt on purpose, and the entities are
//! used once for real (insert, update, read along relations).

use crate::support::TestDb;
use allmende_server::entities::{self, ColumnDescription, ForeignKeyDescription, TableDescription};
use sea_orm::sea_query::{ArrayType, StringLen};
use sea_orm::{ColumnType, ConnectionTrait, DatabaseConnection, Statement, Value};
use sqlx::postgres::{PgTypeInfo, Postgres};
use sqlx::{Column as _, Executor as _, Statement as _, TypeInfo as _};
use std::collections::{BTreeMap, BTreeSet};

/// sea-orm-migration's own bookkeeping, the one table without an entity.
const NOT_ENTITIES: &[&str] = &["seaql_migrations"];

/// Columns that are deliberately no field of their entity: table, column, why.
const EXEMPT_COLUMNS: &[(&str, &str, &str)] = &[(
    "software",
    "search",
    "a tsvector: SeaORM reads it only cast to text (`select_as`), which ships the whole vector with every find() \
     and panics in Software::find().find_also_related(..); a trigger writes it, only SQL reads it",
)];

#[derive(Debug)]
struct DbColumn {
    name: String,
    data_type: String,
    udt_name: String,
    nullable: bool,
    default: String,
    identity: bool,
}

#[derive(Debug)]
struct DbForeignKey {
    name: String,
    columns: Vec<String>,
    references_table: String,
    references_columns: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Debug, Default)]
struct DbTable {
    columns: Vec<DbColumn>,
    primary_key: Vec<String>,
    foreign_keys: Vec<DbForeignKey>,
}

/// The tables of the `public` schema as the database describes them.
struct Catalog {
    tables: BTreeMap<String, DbTable>,
}

async fn rows(db: &DatabaseConnection, sql: &str) -> Vec<sea_orm::QueryResult> {
    db.query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn catalog(db: &DatabaseConnection) -> Catalog {
    let mut tables = BTreeMap::<String, DbTable>::new();
    for row in rows(
        db,
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .await
    {
        tables.insert(row.try_get("", "name").unwrap(), DbTable::default());
    }
    for row in rows(
        db,
        "SELECT table_name::text, column_name::text, data_type::text, udt_name::text, \
                is_nullable = 'YES' AS nullable, coalesce(column_default, '')::text AS column_default, \
                is_identity = 'YES' AS identity \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position",
    )
    .await
    {
        let table: String = row.try_get("", "table_name").unwrap();
        tables.entry(table).or_default().columns.push(DbColumn {
            name: row.try_get("", "column_name").unwrap(),
            data_type: row.try_get("", "data_type").unwrap(),
            udt_name: row.try_get("", "udt_name").unwrap(),
            nullable: row.try_get("", "nullable").unwrap(),
            default: row.try_get("", "column_default").unwrap(),
            identity: row.try_get("", "identity").unwrap(),
        });
    }
    for row in rows(
        db,
        "SELECT k.table_name::text, k.column_name::text \
         FROM information_schema.table_constraints c \
         JOIN information_schema.key_column_usage k \
           ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name \
          AND k.table_name = c.table_name \
         WHERE c.table_schema = 'public' AND c.constraint_type = 'PRIMARY KEY' \
         ORDER BY k.table_name, k.ordinal_position",
    )
    .await
    {
        let table: String = row.try_get("", "table_name").unwrap();
        let column = row.try_get("", "column_name").unwrap();
        tables.entry(table).or_default().primary_key.push(column);
    }
    // From pg_constraint: information_schema cannot pair the columns of a
    // key with the columns they reference when the target is not a constraint.
    for row in rows(
        db,
        "SELECT c.conname::text AS name, t.relname::text AS table_name, r.relname::text AS references_table, \
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(num, pos) \
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.pos) AS columns, \
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(num, pos) \
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.pos) \
                      AS references_columns, \
                (CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
                      WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END)::text AS on_delete, \
                (CASE c.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
                      WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END)::text AS on_update \
         FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         JOIN pg_class r ON r.oid = c.confrelid \
         WHERE c.contype = 'f' AND n.nspname = 'public' \
         ORDER BY 2, 1",
    )
    .await
    {
        let table: String = row.try_get("", "table_name").unwrap();
        tables.entry(table).or_default().foreign_keys.push(DbForeignKey {
            name: row.try_get("", "name").unwrap(),
            columns: row.try_get("", "columns").unwrap(),
            references_table: row.try_get("", "references_table").unwrap(),
            references_columns: row.try_get("", "references_columns").unwrap(),
            on_delete: row.try_get("", "on_delete").unwrap(),
            on_update: row.try_get("", "on_update").unwrap(),
        });
    }
    Catalog { tables }
}

/// The PostgreSQL type (`udt_name`) that a SeaORM column type stands for.
fn postgres_type(column_type: &ColumnType) -> Result<String, String> {
    let name = match column_type {
        ColumnType::Text => "text",
        ColumnType::String(_) => "varchar",
        ColumnType::Char(_) => "bpchar",
        ColumnType::SmallInteger => "int2",
        ColumnType::Integer => "int4",
        ColumnType::BigInteger => "int8",
        ColumnType::Float => "float4",
        ColumnType::Double => "float8",
        ColumnType::Decimal(_) => "numeric",
        ColumnType::Boolean => "bool",
        ColumnType::Uuid => "uuid",
        ColumnType::Date => "date",
        ColumnType::Time => "time",
        ColumnType::DateTime | ColumnType::Timestamp => "timestamp",
        ColumnType::TimestampWithTimeZone => "timestamptz",
        ColumnType::Json => "json",
        ColumnType::JsonBinary => "jsonb",
        ColumnType::Binary(_) | ColumnType::VarBinary(_) | ColumnType::Blob => "bytea",
        ColumnType::Inet => "inet",
        ColumnType::Cidr => "cidr",
        ColumnType::Custom(name) => return Ok(name.to_string()),
        ColumnType::Array(element) => return Ok(format!("_{}", postgres_type(element.as_ref())?)),
        other => {
            return Err(format!(
                "{other:?} has no PostgreSQL type in this test; add it to `postgres_type`"
            ))
        }
    };
    Ok(name.to_owned())
}

/// Whether a Rust type reads a column of a PostgreSQL type.
type Reads = fn(&PgTypeInfo) -> bool;

/// The Rust type behind a field's value and whether sqlx (and so SeaORM)
/// decodes it from a column of the given PostgreSQL type.
fn rust_type(value: &Value) -> Option<(&'static str, Reads)> {
    fn reads<T: sqlx::Type<Postgres>>(ty: &PgTypeInfo) -> bool {
        T::compatible(ty)
    }
    Some(match value {
        Value::Bool(_) => ("bool", reads::<bool>),
        Value::SmallInt(_) => ("i16", reads::<i16>),
        Value::Int(_) => ("i32", reads::<i32>),
        Value::BigInt(_) => ("i64", reads::<i64>),
        Value::Float(_) => ("f32", reads::<f32>),
        Value::Double(_) => ("f64", reads::<f64>),
        Value::String(_) => ("String", reads::<String>),
        Value::Bytes(_) => ("Vec<u8>", reads::<Vec<u8>>),
        Value::Json(_) => ("Json", reads::<serde_json::Value>),
        Value::Uuid(_) => ("Uuid", reads::<uuid::Uuid>),
        Value::ChronoDate(_) => ("NaiveDate", reads::<chrono::NaiveDate>),
        Value::ChronoDateTimeUtc(_) => ("DateTime<Utc>", reads::<chrono::DateTime<chrono::Utc>>),
        Value::ChronoDateTimeWithTimeZone(_) => {
            ("DateTime<FixedOffset>", reads::<chrono::DateTime<chrono::FixedOffset>>)
        }
        Value::Array(ArrayType::String, _) => ("Vec<String>", reads::<Vec<String>>),
        Value::Array(ArrayType::Int, _) => ("Vec<i32>", reads::<Vec<i32>>),
        Value::Array(ArrayType::BigInt, _) => ("Vec<i64>", reads::<Vec<i64>>),
        Value::Array(ArrayType::Uuid, _) => ("Vec<Uuid>", reads::<Vec<uuid::Uuid>>),
        _ => return None,
    })
}

fn list(names: &[String]) -> String {
    names.join(", ")
}

/// Every table has one entity in `entities::ALL` and every entity a table.
fn check_registry(entities: &[TableDescription], catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for entity in entities {
        if !seen.insert(entity.table.as_str()) {
            problems.push(format!("entities::ALL lists the table `{}` twice", entity.table));
        }
        if !catalog.tables.contains_key(&entity.table) {
            problems.push(format!(
                "entities::ALL has an entity for `{}`, but the migrated schema has no such table",
                entity.table
            ));
        }
    }
    for table in catalog.tables.keys() {
        if !seen.contains(table.as_str()) && !NOT_ENTITIES.contains(&table.as_str()) {
            problems.push(format!(
                "the table `{table}` has no entity in entities::ALL (add server/src/entities/{table}.rs and list it)"
            ));
        }
    }
    problems
}

/// What an entity's description gets wrong about its table, apart from the
/// `exempt` columns (each with the reason it is no field).
fn check_table(entity: &TableDescription, table: &DbTable, exempt: &[(&str, &str, &str)]) -> Vec<String> {
    let name = &entity.table;
    let mut problems = Vec::new();
    let in_entity: BTreeMap<&str, &ColumnDescription> = entity.columns.iter().map(|c| (c.name.as_str(), c)).collect();
    let exempt: Vec<&str> = exempt
        .iter()
        .filter(|(table, _, _)| table == name)
        .map(|(_, column, _)| *column)
        .collect();
    for column in &exempt {
        if in_entity.contains_key(column) {
            problems.push(format!(
                "{name}.{column}: exempt from the entity in this test, but the entity has it: drop the exemption"
            ));
        } else if !table.columns.iter().any(|c| &c.name == column) {
            problems.push(format!(
                "{name}.{column}: exempt from the entity in this test, but the table has no such column"
            ));
        }
    }
    for column in &table.columns {
        let Some(described) = in_entity.get(column.name.as_str()) else {
            if !exempt.contains(&column.name.as_str()) {
                problems.push(format!(
                    "{name}.{}: in the table ({}) but not in the entity",
                    column.name, column.data_type
                ));
            }
            continue;
        };
        match (column.nullable, described.nullable) {
            (true, false) => problems.push(format!(
                "{name}.{}: nullable in the table, NOT NULL in the entity (make the field an Option)",
                column.name
            )),
            (false, true) => problems.push(format!(
                "{name}.{}: NOT NULL in the table, nullable in the entity",
                column.name
            )),
            _ => {}
        }
        match postgres_type(&described.column_type) {
            Ok(expected) if expected == column.udt_name => {}
            Ok(expected) => problems.push(format!(
                "{name}.{}: the entity's column type {:?} is PostgreSQL `{expected}`, the table has `{}` ({})",
                column.name, described.column_type, column.udt_name, column.data_type
            )),
            Err(why) => problems.push(format!("{name}.{}: {why}", column.name)),
        }
    }
    let in_table: BTreeSet<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    for column in &entity.columns {
        if !in_table.contains(column.name.as_str()) {
            problems.push(format!("{name}.{}: in the entity but not in the table", column.name));
        }
    }

    if entity.primary_key != table.primary_key {
        problems.push(format!(
            "{name}: the primary key is ({}) in the table, ({}) in the entity",
            list(&table.primary_key),
            list(&entity.primary_key)
        ));
    }
    let serial = match table.primary_key.as_slice() {
        [key] => table
            .columns
            .iter()
            .any(|c| &c.name == key && (c.identity || c.default.starts_with("nextval("))),
        _ => false,
    };
    if serial != entity.auto_increment {
        problems.push(if serial {
            format!("{name}: the table numbers its key (a serial), the entity says auto_increment = false")
        } else {
            format!("{name}: the table does not number its key, the entity needs `auto_increment = false`")
        });
    }

    let same_key = |described: &ForeignKeyDescription, key: &DbForeignKey| {
        described.columns == key.columns
            && described.references_table == key.references_table
            && described.references_columns == key.references_columns
    };
    for key in &table.foreign_keys {
        match entity.foreign_keys.iter().find(|described| same_key(described, key)) {
            None => problems.push(format!(
                "{name}.({}): the foreign key {} to {}({}) ON DELETE {} has no belongs_to relation in the entity",
                list(&key.columns),
                key.name,
                key.references_table,
                list(&key.references_columns),
                key.on_delete
            )),
            Some(described) => {
                for (rule, said, is) in [
                    ("on_delete", described.on_delete, &key.on_delete),
                    ("on_update", described.on_update, &key.on_update),
                ] {
                    if said != Some(is.as_str()) {
                        problems.push(format!(
                            "{name}: relation {}: {rule} is {} in the entity, {is} in the table",
                            described.relation,
                            said.unwrap_or("not stated")
                        ));
                    }
                }
            }
        }
    }
    for described in &entity.foreign_keys {
        if !table.foreign_keys.iter().any(|key| same_key(described, key)) {
            problems.push(format!(
                "{name}: relation {} (({}) to {}({})) is no foreign key in the table",
                described.relation,
                list(&described.columns),
                described.references_table,
                list(&described.references_columns)
            ));
        }
    }
    problems
}

/// What the fields' Rust types cannot read of what `Entity::find()` returns.
fn check_rust_types(entity: &TableDescription, table: &DbTable, selected: &[(String, PgTypeInfo)]) -> Vec<String> {
    let name = &entity.table;
    let mut problems = Vec::new();
    for column in &entity.columns {
        let Some(in_table) = table.columns.iter().find(|c| c.name == column.name) else {
            continue; // reported by `check_table`
        };
        let Some(value) = &column.rust_value else {
            problems.push(format!(
                "{name}.{}: ActiveModel::default_values() holds no value for it",
                column.name
            ));
            continue;
        };
        let Some((rust, reads)) = rust_type(value) else {
            problems.push(format!(
                "{name}.{}: the field's type ({value:?}) is not known to this test; add it to `rust_type`",
                column.name
            ));
            continue;
        };
        match selected.iter().find(|(selected, _)| selected == &column.name) {
            None => problems.push(format!(
                "{name}.{}: not among the columns the entity's SELECT returns",
                column.name
            )),
            Some((_, ty)) if !reads(ty) => problems.push(format!(
                "{name}.{}: the field's Rust type {rust} cannot read the {} the entity's SELECT returns",
                column.name,
                ty.name()
            )),
            Some(_) => {}
        }
        let option = *value == value.as_null();
        if in_table.nullable && !option {
            problems.push(format!(
                "{name}.{}: nullable in the table, but the field is {rust}, not Option<{rust}>",
                column.name
            ));
        }
    }
    problems
}

/// Everything wrong about one entity, its `SELECT` prepared by the database.
async fn check_entity(db: &DatabaseConnection, catalog: &Catalog, entity: &TableDescription) -> Vec<String> {
    let Some(table) = catalog.tables.get(&entity.table) else {
        return vec![format!("{}: no such table", entity.table)];
    };
    let mut problems = check_table(entity, table, EXEMPT_COLUMNS);
    match db.get_postgres_connection_pool().prepare(entity.select.as_str()).await {
        Ok(statement) => {
            let selected: Vec<(String, PgTypeInfo)> = statement
                .columns()
                .iter()
                .map(|c| (c.name().to_owned(), c.type_info().clone()))
                .collect();
            problems.extend(check_rust_types(entity, table, &selected));
        }
        Err(e) => problems.push(format!("{}: the entity's SELECT fails: {e}", entity.table)),
    }
    problems
}

fn all_entities() -> Vec<TableDescription> {
    entities::ALL.iter().map(|describe| describe()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_table_has_an_entity_that_matches_it() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let catalog = catalog(&db).await;
    let entities = all_entities();
    assert!(
        catalog.tables.len() > 20,
        "the migrated schema: {:?}",
        catalog.tables.keys()
    );

    let mut problems = check_registry(&entities, &catalog);
    for entity in &entities {
        problems.extend(check_entity(&db, &catalog, entity).await);
    }
    assert!(
        problems.is_empty(),
        "the entities disagree with the migrated schema:\n  {}",
        problems.join("\n  ")
    );
}

/// The comparison finds what it is there to find: descriptions spoilt on
/// purpose, against the real migrated schema, each give exactly the
/// expected complaint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disagreeing_entity_is_reported_by_table_and_column() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let catalog = catalog(&db).await;
    let organisations = entities::describe::<entities::organisations::Entity>();
    assert_eq!(check_entity(&db, &catalog, &organisations).await, Vec::<String>::new());

    let column = |entity: &mut TableDescription, name: &str| -> usize {
        entity.columns.iter().position(|c| c.name == name).unwrap()
    };
    type Spoil = Box<dyn Fn(&mut TableDescription)>;
    let cases: Vec<(Spoil, &str)> = vec![
        (
            Box::new(move |e| {
                let i = column(e, "website");
                e.columns.remove(i);
            }),
            "organisations.website: in the table (text) but not in the entity",
        ),
        (
            Box::new(|e| {
                e.columns.push(ColumnDescription {
                    name: "nickname".into(),
                    column_type: ColumnType::Text,
                    nullable: true,
                    rust_value: Some(Value::String(None)),
                })
            }),
            "organisations.nickname: in the entity but not in the table",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "name_en");
                e.columns[i].nullable = false;
            }),
            "organisations.name_en: nullable in the table, NOT NULL in the entity (make the field an Option)",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "slug");
                e.columns[i].nullable = true;
            }),
            "organisations.slug: NOT NULL in the table, nullable in the entity",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "slug");
                e.columns[i].column_type = ColumnType::String(StringLen::None);
            }),
            "organisations.slug: the entity's column type String(None) is PostgreSQL `varchar`, the table has \
             `text` (text)",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "created_at");
                e.columns[i].column_type = ColumnType::DateTime;
            }),
            "organisations.created_at: the entity's column type DateTime is PostgreSQL `timestamp`, the table has \
             `timestamptz` (timestamp with time zone)",
        ),
        (
            Box::new(|e| e.primary_key = vec!["slug".into()]),
            "organisations: the primary key is (id) in the table, (slug) in the entity",
        ),
        (
            Box::new(|e| e.auto_increment = true),
            "organisations: the table does not number its key, the entity needs `auto_increment = false`",
        ),
        (
            Box::new(|e| e.foreign_keys.clear()),
            "organisations.(parent_id): the foreign key organisations_parent_id_fkey to organisations(id) ON DELETE \
             RESTRICT has no belongs_to relation in the entity",
        ),
        (
            Box::new(|e| e.foreign_keys[0].on_delete = Some("CASCADE")),
            "organisations: relation Parent: on_delete is CASCADE in the entity, RESTRICT in the table",
        ),
        (
            Box::new(|e| e.foreign_keys[0].on_update = None),
            "organisations: relation Parent: on_update is not stated in the entity, NO ACTION in the table",
        ),
        (
            Box::new(|e| {
                let mut key = e.foreign_keys[0].clone();
                key.relation = "Owner".into();
                key.columns = vec!["id".into()];
                key.references_table = "users".into();
                e.foreign_keys.push(key);
            }),
            "organisations: relation Owner ((id) to users(id)) is no foreign key in the table",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "version");
                e.columns[i].rust_value = Some(Value::String(Some(Box::default())));
            }),
            "organisations.version: the field's Rust type String cannot read the INT4 the entity's SELECT returns",
        ),
        (
            Box::new(move |e| {
                let i = column(e, "website");
                e.columns[i].rust_value = Some(Value::String(Some(Box::default())));
            }),
            "organisations.website: nullable in the table, but the field is String, not Option<String>",
        ),
        (
            Box::new(|e| e.select = e.select.replace("\"leitweg_id\"", "\"leitweg\"")),
            "organisations: the entity's SELECT fails: error returned from database: column organisations.leitweg \
             does not exist",
        ),
    ];
    for (spoil, expected) in cases {
        let mut spoilt = organisations.clone();
        spoil(&mut spoilt);
        assert_eq!(
            check_entity(&db, &catalog, &spoilt).await,
            vec![expected.to_owned()],
            "{spoilt:#?}"
        );
    }

    // The exempt tsvector: not read as a String, and an exemption is
    // checked for being still needed.
    let mut software = entities::describe::<entities::software::Entity>();
    assert_eq!(check_entity(&db, &catalog, &software).await, Vec::<String>::new());
    let table = &catalog.tables["software"];
    assert_eq!(
        check_table(&software, table, &[]),
        vec!["software.search: in the table (tsvector) but not in the entity"]
    );
    assert_eq!(
        check_table(&software, table, &[("software", "searchable", "gone")]),
        vec![
            "software.searchable: exempt from the entity in this test, but the table has no such column",
            "software.search: in the table (tsvector) but not in the entity",
        ]
    );
    software.columns.push(ColumnDescription {
        name: "search".into(),
        column_type: ColumnType::custom("tsvector"),
        nullable: false,
        rust_value: Some(Value::String(Some(Box::default()))),
    });
    software.select = software.select.replace(" FROM ", ", \"software\".\"search\" FROM ");
    assert_eq!(
        check_entity(&db, &catalog, &software).await,
        vec![
            "software.search: exempt from the entity in this test, but the entity has it: drop the exemption",
            "software.search: the field's Rust type String cannot read the tsvector the entity's SELECT returns",
        ]
    );

    // A table without an entity, and an entity without a table.
    let mut registry = all_entities();
    assert_eq!(check_registry(&registry, &catalog), Vec::<String>::new());
    registry.retain(|e| e.table != "webhook_deliveries");
    let mut gone = organisations.clone();
    gone.table = "organisation_archive".into();
    registry.push(gone);
    registry.push(organisations.clone());
    assert_eq!(
        check_registry(&registry, &catalog),
        vec![
            "entities::ALL has an entity for `organisation_archive`, but the migrated schema has no such table",
            "entities::ALL lists the table `organisations` twice",
            "the table `webhook_deliveries` has no entity in entities::ALL (add \
             server/src/entities/webhook_deliveries.rs and list it)",
        ]
    );
}

/// The entities in use: inserts through ActiveModels, values the database
/// fills in (defaults, a generated column, a trigger's columns), an update,
/// composite keys and joins along relations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entities_write_and_read_their_tables() {
    use allmende_server::entities::prelude::*;
    use allmende_server::entities::{api_tokens, audit_events, memberships, organisations, software, users};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, ModelTrait};

    let test_db = TestDb::new().await;
    let db = test_db.connect().await;

    let org = organisations::ActiveModel {
        slug: Set("amt-beispiel".into()),
        name_de: Set("Amt Beispiel".into()),
        kind: Set("gemeinde".into()),
        uri: Set(Some("HTTPS://WWW.Beispiel.DE:443/".into())),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(
        org.uri_key.as_deref(),
        Some("https://www.beispiel.de"),
        "generated by PostgreSQL"
    );
    assert_eq!((org.version, org.verified, org.parent_id), (1, false, None));

    let user = users::ActiveModel {
        display_name: Set("Berta Beispiel".into()),
        pseudonym: Set("Person 7".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(user.locale, "de");
    memberships::ActiveModel {
        organisation_id: Set(org.id),
        user_id: Set(user.id),
        role: Set("owner".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let membership = Memberships::find_by_id((org.id, user.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(membership.role, "owner");
    assert_eq!(org.find_related(Users).all(&db).await.unwrap(), vec![user.clone()]);
    assert_eq!(
        user.find_related(Organisations).all(&db).await.unwrap(),
        vec![org.clone()]
    );

    let entry = software::ActiveModel {
        slug: Set("buergerportal".into()),
        organisation_id: Set(org.id),
        url: Set("https://git.example/buergerportal".into()),
        url_key: Set("git.example/buergerportal".into()),
        raw: Set("publiccodeYmlVersion: '0.4'".into()),
        document: Set(serde_json::json!({ "name": "Bürgerportal" })),
        name: Set("Bürgerportal Beispiel".into()),
        development_status: Set("stable".into()),
        software_type: Set("standalone/web".into()),
        maintenance_type: Set("internal".into()),
        license: Set("EUPL-1.2".into()),
        licenses: Set(vec!["EUPL-1.2".into()]),
        categories: Set(vec!["e-government".into(), "citizen-participation".into()]),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let search: String = db
        .query_one(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT search::text FROM software WHERE id = $1",
            [entry.id.into()],
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert!(search.contains("'burgerportal'"), "the trigger's vector: {search}");
    assert!(
        entry
            .facet_tokens
            .contains(&"category:citizen-participation".to_owned())
            && entry.facet_tokens.contains(&"license:EUPL-1.2".to_owned()),
        "{:?}",
        entry.facet_tokens
    );
    assert_eq!(entry.issues, serde_json::json!([]));
    // An update sends only what changed; the trigger sees the new name.
    let mut changed: software::ActiveModel = entry.clone().into();
    changed.name = Set("Bürgerportal Handgeschrieben".into());
    changed.version = Set(entry.version + 1);
    let changed = changed.update(&db).await.unwrap();
    assert_eq!((changed.version, changed.raw.as_str()), (2, entry.raw.as_str()));
    let (read, owner) = Software::find_by_id(entry.id)
        .find_also_related(Organisations)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read, changed);
    assert_eq!(owner, Some(org.clone()));
    let found: i64 = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT count(*) FROM software WHERE search @@ to_tsquery('simple', 'handgeschrieben')",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert_eq!(found, 1);
    assert_eq!(org.find_related(Software).all(&db).await.unwrap().len(), 1);

    let token = api_tokens::ActiveModel {
        user_id: Set(user.id),
        organisation_id: Set(org.id),
        name: Set("CI".into()),
        prefix: Set("alm_1234".into()),
        token_hash: Set(vec![0, 1, 2, 255]),
        scopes: Set(vec!["catalog:publish".into(), "organisation:read".into()]),
        expires_at: Set(chrono::Utc::now() + chrono::Duration::days(30)),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let read = ApiTokens::find_by_id(token.id).one(&db).await.unwrap().unwrap();
    assert_eq!((read.token_hash, read.scopes), (token.token_hash, token.scopes));

    let first = audit_events::ActiveModel {
        actor_id: Set(Some(user.id)),
        organisation_id: Set(Some(org.id)),
        action: Set("login".into()),
        details: Set(serde_json::json!({ "count": 1 })),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let second = audit_events::ActiveModel {
        action: Set("login".into()),
        details: Set(serde_json::json!({})),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert!(second.id > first.id && first.id > 0, "the serial numbers the events");
    assert_eq!(first.subject, "");
    assert_eq!(user.find_related(AuditEvents).all(&db).await.unwrap(), vec![first]);
}
