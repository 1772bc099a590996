//! Schemas of the wire types corrected where the derive does not see what serde does.

use utoipa::openapi::schema::{
    ArrayItems, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::RefOr;
use utoipa::Modify;

/// Schemas of the wire types corrected to what serde reads:
/// - a `MutationOp`'s fields are camelCase (`bookingId`): serde's `rename_all_fields`, which
///   the derive does not apply;
/// - an optional field with a format (`"session": uuid or null`) is written as
///   `oneOf: [null, {string, format}]` instead of `type: [string, null]` with the format
///   beside it: the same set of values, in the form schema tools apply the format to (with
///   the other one, generators send `""` for a "valid" uuid or instant).
#[derive(Debug)]
pub(super) struct WireFixes;

/// Wire enums whose variants' fields serde renames to camelCase (`rename_all_fields`).
const CAMEL_CASE_FIELDS: [&str; 1] = ["MutationOp"];

impl Modify for WireFixes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        for (name, schema) in components.schemas.iter_mut() {
            if CAMEL_CASE_FIELDS.contains(&name.as_str()) {
                if let RefOr::T(Schema::OneOf(one_of)) = schema {
                    for variant in &mut one_of.items {
                        if let RefOr::T(Schema::Object(object)) = variant {
                            camel_case_fields(object);
                        }
                    }
                }
            }
            nullable_formats(schema);
        }
    }
}

fn camel_case_fields(object: &mut Object) {
    let properties = std::mem::take(&mut object.properties);
    object.properties = properties
        .into_iter()
        .map(|(name, schema)| (camel_case(&name), schema))
        .collect();
    for name in &mut object.required {
        *name = camel_case(name);
    }
}

/// `booking_id` → `bookingId`.
pub(super) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Rewrites every `type: [T, null]` with a `format`, at any depth, as `oneOf: [null, T]`.
fn nullable_formats(schema: &mut RefOr<Schema>) {
    let RefOr::T(inner) = schema else {
        return;
    };
    match inner {
        Schema::Object(object) => {
            if let Some(one_of) = nullable_with_format(object) {
                *inner = one_of;
                return;
            }
            for property in object.properties.values_mut() {
                nullable_formats(property);
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                nullable_formats(items);
            }
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(nullable_formats),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(nullable_formats),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(nullable_formats),
        _ => {}
    }
}

fn nullable_with_format(object: &Object) -> Option<Schema> {
    let SchemaType::Array(types) = &object.schema_type else {
        return None;
    };
    let format = object.format.clone()?;
    let ([one, Type::Null] | [Type::Null, one]) = types.as_slice() else {
        return None;
    };
    let mut value = object.clone();
    value.schema_type = SchemaType::Type(one.clone());
    value.format = Some(format);
    let description = value.description.take();
    Some(Schema::OneOf(
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .item(value)
            .description(description)
            .build(),
    ))
}
