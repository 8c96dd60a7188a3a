using System.Text.Json;

namespace FastData.Host.Commands;

/// <summary>Checks a command body against its type's declared schema, and reports every problem by JSON path.</summary>
public sealed class CommandSchema
{
    public static readonly IReadOnlySet<string> TypeNames = new HashSet<string>(StringComparer.Ordinal) { "string", "integer", "number", "boolean", "object", "array", "any" };

    private readonly CommandTypeOptions _options;

    public CommandSchema(CommandTypeOptions options) => _options = options;

    /// <summary>Problems as JSON path -> messages; empty when the body fits.</summary>
    public Dictionary<string, string[]> Validate(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [$"must be a JSON object, got {body.ValueKind}"];
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var path = $"$.{property.Name}";
            if (!seen.Add(property.Name))
            {
                errors[path] = ["appears twice"];
            }
            else if (!_options.Properties.TryGetValue(property.Name, out var type))
            {
                if (!_options.AdditionalProperties)
                {
                    errors[path] = [$"is not a property of this command; expected: {string.Join(", ", _options.Properties.Keys)}"];
                }
            }
            else if (property.Value.ValueKind != JsonValueKind.Null && !Fits(property.Value, type))
            {
                errors[path] = [$"must be {type}, got {Describe(property.Value)}"];
            }
        }

        foreach (var required in _options.Required)
        {
            if (!body.TryGetProperty(required, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                errors[$"$.{required}"] = ["is required"];
            }
        }

        return errors;
    }

    private static bool Fits(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString(),
    };
}
