using System.Text.Json;
using FastData.Model.Casting;

namespace FastData.Model.Configuration;

/// <summary>Reads <c>projections.json</c>: <c>{version, config: {name: {topic, format, primaryKey, fields}}}</c>.</summary>
internal static class ProjectionsParser
{
    public const string FileName = "projections.json";

    private static readonly string[] Versions = ["1.0.0"];

    private static readonly HashSet<string> ReservedFields = new(StringComparer.Ordinal) { "_id", "createdAt", "updatedAt" };

    public static Dictionary<string, ProjectionDefinition> Parse(ConfigFile file, CustomFunctionRegistry functions)
    {
        var projections = new Dictionary<string, ProjectionDefinition>(StringComparer.Ordinal);
        var config = file.ReadEnvelope(Versions, out _);
        if (config is null)
        {
            return projections;
        }

        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value, path) in file.Properties(config.Value, "$.config"))
        {
            var projection = ParseProjection(file, functions, name, value, path);
            if (projection is null)
            {
                continue;
            }

            if (projection.Topic.Length > 0 && topics.TryGetValue(projection.Topic, out var other))
            {
                file.Error(ConfigFile.Child(path, "topic"), $"duplicate topic '{projection.Topic}' (also used by projection '{other}')");
            }

            topics[projection.Topic] = name;
            projections[name] = projection;
        }

        if (projections.Count == 0 && config.Value.EnumerateObject().Any() is false)
        {
            file.Error("$.config", "declares no projection");
        }

        return projections;
    }

    private static ProjectionDefinition? ParseProjection(ConfigFile file, CustomFunctionRegistry functions, string name, JsonElement value, string path)
    {
        if (!file.ExpectObject(value, path))
        {
            return null;
        }
        file.CheckKeys(value, path, "topic", "format", "primaryKey", "fields");
        var topic = file.GetString(value, path, "topic", required: true);
        var formatText = file.GetString(value, path, "format", required: true);
        MessageFormat format = default;
        switch (formatText)
        {
            case "debezium":
                format = MessageFormat.Debezium;
                break;
            case "golden-gate":
                format = MessageFormat.GoldenGate;
                break;
            case "basic":
                format = MessageFormat.Basic;
                break;
            case null:
                break;
            default:
                file.Error(ConfigFile.Child(path, "format"), $"unknown format '{formatText}' (debezium, golden-gate or basic)");
                break;
        }

        var fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        var ordered = new List<FieldDefinition>();
        var fieldsPath = ConfigFile.Child(path, "fields");
        var fieldNodes = new Dictionary<string, (JsonElement Value, string Path)>(StringComparer.Ordinal);
        if (!value.TryGetProperty("fields", out var fieldsElement))
        {
            file.Error(path, "'fields' is required");
        }
        else if (file.ExpectObject(fieldsElement, fieldsPath))
        {
            foreach (var (fieldName, fieldValue, fieldPath) in file.Properties(fieldsElement, fieldsPath))
            {
                fieldNodes[fieldName] = (fieldValue, fieldPath);
            }

            if (fieldNodes.Count == 0)
            {
                file.Error(fieldsPath, "declares no field");
            }
        }
        else
        {
        }

        var primaryKey = ParsePrimaryKey(file, value, path, fieldNodes);
        foreach (var (fieldName, (fieldValue, fieldPath)) in fieldNodes)
        {
            var field = ParseField(file, functions, fieldName, fieldValue, fieldPath, primaryKey.Contains(fieldName));
            if (field is null)
            {
                continue;
            }

            fields[fieldName] = field;
            ordered.Add(field);
        }

        // An invalid projection is still returned (with placeholders: identity cast, empty topic) so that files
        // referring to it report only their own errors; the loader never returns a model after any error.
        return new ProjectionDefinition(name, topic ?? string.Empty, format, primaryKey, fields, ordered);
    }

    private static List<string> ParsePrimaryKey(ConfigFile file, JsonElement value, string path,
        Dictionary<string, (JsonElement Value, string Path)> fieldNodes)
    {
        var primaryKey = new List<string>();
        var pkPath = ConfigFile.Child(path, "primaryKey");
        if (!value.TryGetProperty("primaryKey", out var pk))
        {
            file.Error(path, "'primaryKey' is required");
            return primaryKey;
        }

        if (pk.ValueKind != JsonValueKind.Array || pk.GetArrayLength() == 0)
        {
            file.Error(pkPath, "must be a non-empty array of field names");
            return primaryKey;
        }

        var index = 0;
        foreach (var item in pk.EnumerateArray())
        {
            var itemPath = ConfigFile.Index(pkPath, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                file.Error(itemPath, $"must be a field name, not {ConfigFile.Describe(item)}");
                continue;
            }

            var fieldName = item.GetString()!;
            if (primaryKey.Contains(fieldName))
            {
                file.Error(itemPath, $"duplicate name '{fieldName}'");
            }
            else if (!fieldNodes.ContainsKey(fieldName))
            {
                file.Error(itemPath, $"unknown field '{fieldName}'");
            }
            else
            {
                primaryKey.Add(fieldName);
            }
        }

        return primaryKey;
    }

    private static FieldDefinition? ParseField(ConfigFile file, CustomFunctionRegistry functions, string name, JsonElement value,
        string path, bool isKey)
    {
        if (!file.ExpectObject(value, path))
        {
            return null;
        }
        if (ReservedFields.Contains(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            file.Error(path, $"'{name}' is reserved for storage metadata");
        }

        file.CheckKeys(value, path, "type", "castFunction", "required", "nullable");
        var typeText = file.GetString(value, path, "type", required: true);
        FieldType type = default;
        if (typeText is not null && !TryParseType(typeText, out type))
        {
            file.Error(ConfigFile.Child(path, "type"), $"unknown type '{typeText}' (string, number, integer, boolean, date, object, array)");
        }
        var castName = file.GetString(value, path, "castFunction", required: false) ?? CastFunctions.Identity;
        if (!functions.TryGetCast(castName, out var cast))
        {
            file.Error(ConfigFile.Child(path, "castFunction"), $"unknown cast function '{castName}'");
        }

        var required = file.GetBool(value, path, "required");
        var nullable = file.GetBool(value, path, "nullable");
        if (isKey)
        {
            if (nullable == true)
            {
                file.Error(ConfigFile.Child(path, "nullable"), "a primary-key field cannot be nullable");
            }

            if (type is FieldType.Object or FieldType.Array)
            {
                file.Error(ConfigFile.Child(path, "type"), $"a primary-key field cannot be of type {typeText}");
            }
        }
        return new FieldDefinition(name, type, castName, cast ?? (static v => v.DeepClone()), isKey || (required ?? false), !isKey && (nullable ?? true));
    }

    private static bool TryParseType(string text, out FieldType type)
    {
        switch (text)
        {
            case "string": type = FieldType.String; return true;
            case "number": type = FieldType.Number; return true;
            case "integer": type = FieldType.Integer; return true;
            case "boolean": type = FieldType.Boolean; return true;
            case "date": type = FieldType.Date; return true;
            case "object": type = FieldType.Object; return true;
            case "array": type = FieldType.Array; return true;
            default: type = default; return false;
        }
    }
}
