using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;

namespace FastData.Model.Casting;

/// <summary>
/// Casts a raw source record (the <c>after</c> image of a change) into a projection's typed record: each declared
/// field through its cast function, then checked against its type; required and nullable enforced; undeclared
/// fields dropped. Dates come out as ISO-8601 UTC strings (<see cref="CastFunctions.FormatDate"/>).
/// </summary>
public static class ProjectionRecordCaster
{
    /// <summary>Casts <paramref name="raw"/> for <paramref name="projection"/>; never throws for bad data.</summary>
    public static CastResult Cast(ProjectionDefinition projection, JsonObject raw)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(raw);
        var record = new JsonObject();
        List<CastViolation>? violations = null;
        List<string>? dropped = null;
        foreach (var (name, _) in raw)
        {
            if (!projection.Fields.ContainsKey(name))
            {
                (dropped ??= []).Add(name);
            }
        }

        foreach (var field in projection.FieldsInOrder)
        {
            if (!raw.TryGetPropertyValue(field.Name, out var value))
            {
                if (field.Required)
                {
                    (violations ??= []).Add(new CastViolation(field.Name, CastViolationKind.RequiredMissing, "required field is missing"));
                }

                continue;
            }

            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                if (!field.Nullable)
                {
                    (violations ??= []).Add(new CastViolation(field.Name, CastViolationKind.NullNotAllowed, "null is not allowed"));
                }
                else
                {
                    record[field.Name] = null;
                }

                continue;
            }

            if (TryCastField(field, value, out var typed, out var reason))
            {
                record[field.Name] = typed;
            }
            else
            {
                (violations ??= []).Add(new CastViolation(field.Name, CastViolationKind.CastFailed, reason));
            }
        }

        return new CastResult(record, violations ?? [], dropped ?? []);
    }

    /// <summary>Casts one non-null value for a field and checks the result against the field's type.</summary>
    public static bool TryCastField(FieldDefinition field, JsonNode value, out JsonNode? typed, out string reason)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            typed = field.Cast(value);
            if (typed?.Parent is not null)
            {
                typed = typed.DeepClone();
            }
        }
        catch (Exception ex)
        {
            // Any failure of a (possibly custom) cast is bad input, reported, never a crash of the pipeline.
            typed = null;
            reason = $"{field.CastFunction} failed: {ex.Message}";
            return false;
        }

        if (typed is null || typed.GetValueKind() == JsonValueKind.Null)
        {
            if (field.Nullable)
            {
                reason = string.Empty;
                return true;
            }

            reason = $"{field.CastFunction} produced null and the field is not nullable";
            return false;
        }

        var produced = typed;
        if (!Conform(field.Type, ref typed))
        {
            reason = $"{field.CastFunction} produced {Describe(produced)}, but the field type is {field.Type.ToString().ToLowerInvariant()}";
            typed = null;
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool Conform(FieldType type, ref JsonNode? typed)
    {
        var kind = typed!.GetValueKind();
        switch (type)
        {
            case FieldType.String:
                return kind == JsonValueKind.String;
            case FieldType.Number:
                if (kind != JsonValueKind.Number)
                {
                    return false;
                }

                JsonScalars.TryGetDouble(typed, out var d);
                typed = JsonValue.Create(d);
                return true;
            case FieldType.Integer:
                if (!JsonScalars.TryGetInt64(typed, out var l))
                {
                    return false;
                }

                typed = JsonValue.Create(l);
                return true;
            case FieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False;
            case FieldType.Date:
                if (kind != JsonValueKind.String || !CastFunctions.TryParseDate(typed.GetValue<string>(), out var instant))
                {
                    return false;
                }

                typed = JsonValue.Create(CastFunctions.FormatDate(instant));
                return true;
            case FieldType.Object:
            case FieldType.Array:
                if (kind != (type == FieldType.Object ? JsonValueKind.Object : JsonValueKind.Array))
                {
                    return false;
                }

                JsonMaterializer.Materialize(typed);
                return true;
            default:
                return false;
        }
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
