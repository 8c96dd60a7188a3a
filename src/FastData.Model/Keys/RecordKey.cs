using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;

namespace FastData.Model.Keys;

/// <summary>
/// The canonical key string of a record (stream key, MongoDB _id, grain key, URL form): the primary-key values in
/// declaration order, each as plain text (string as is, integer without decimal point, number in invariant
/// round-trip form, boolean true/false), '%' escaped as %25 and '|' as %7C, joined with '|'.
/// </summary>
public static class RecordKey
{
    /// <summary>The separator between key parts.</summary>
    public const char Separator = '|';

    /// <summary>Formats already-rendered text parts (escaping each).</summary>
    public static string FormatParts(IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("A key has at least one part.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return Escape(parts[0]);
        }

        var builder = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(Escape(parts[i]));
        }

        return builder.ToString();
    }

    /// <summary>Formats JSON scalar values (string, number, boolean); throws on null, objects and arrays.</summary>
    public static string Format(IReadOnlyList<JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parts = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            parts[i] = TryRender(values[i], out var text, out var error) ? text : throw new ArgumentException($"Key part {i}: {error}", nameof(values));
        }

        return FormatParts(parts);
    }

    /// <summary>Formats JSON scalar values.</summary>
    public static string Format(params JsonNode?[] values) => Format((IReadOnlyList<JsonNode?>)values);

    /// <summary>Builds the key of a record from its primary-key fields, in order.</summary>
    public static bool TryFromRecord(JsonObject record, IReadOnlyList<string> keyFields,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? key,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(keyFields);
        var parts = new string[keyFields.Count];
        for (var i = 0; i < keyFields.Count; i++)
        {
            if (!record.TryGetPropertyValue(keyFields[i], out var value))
            {
                key = null;
                error = $"key field '{keyFields[i]}' is missing";
                return false;
            }

            if (!TryRender(value, out var text, out var renderError))
            {
                key = null;
                error = $"key field '{keyFields[i]}': {renderError}";
                return false;
            }

            parts[i] = text;
        }

        key = FormatParts(parts);
        error = null;
        return true;
    }

    /// <summary>Builds the key of a record from its primary-key fields; throws when one is missing or not a scalar.</summary>
    public static string FromRecord(JsonObject record, IReadOnlyList<string> keyFields) =>
        TryFromRecord(record, keyFields, out var key, out var error) ? key : throw new ArgumentException(error, nameof(record));

    /// <summary>Splits a key into its unescaped text parts.</summary>
    public static IReadOnlyList<string> Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var raw = key.Split(Separator);
        var parts = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            parts[i] = Unescape(raw[i]);
        }

        return parts;
    }

    /// <summary>
    /// Parses a key into typed values for the given fields (integer, number, boolean, string/date), e.g. to query
    /// a record by its key. Fails when the part count or a part's form does not match.
    /// </summary>
    public static bool TryParseValues(string key, IReadOnlyList<FieldDefinition> fields,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? values,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var types = fields.Select(f => (f.Name, f.Type)).ToArray();
        return TryParseValues(key, types, out values, out error);
    }

    /// <summary>Parses a key into typed values for (field name, type) pairs.</summary>
    public static bool TryParseValues(string key, IReadOnlyList<(string Name, FieldType Type)> fields,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? values,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var parts = Parse(key);
        values = null;
        if (parts.Count != fields.Count)
        {
            error = $"key '{key}' has {parts.Count} part(s), {fields.Count} expected";
            return false;
        }

        var result = new JsonObject();
        for (var i = 0; i < parts.Count; i++)
        {
            var (name, type) = fields[i];
            JsonNode? node;
            switch (type)
            {
                case FieldType.Integer:
                    if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    {
                        error = $"key part '{parts[i]}' of '{name}' is not an integer";
                        return false;
                    }

                    node = JsonValue.Create(l);
                    break;
                case FieldType.Number:
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        error = $"key part '{parts[i]}' of '{name}' is not a number";
                        return false;
                    }

                    node = JsonValue.Create(d);
                    break;
                case FieldType.Boolean:
                    if (parts[i] is not ("true" or "false"))
                    {
                        error = $"key part '{parts[i]}' of '{name}' is not true or false";
                        return false;
                    }

                    node = JsonValue.Create(parts[i] == "true");
                    break;
                default:
                    node = JsonValue.Create(parts[i]);
                    break;
            }

            result[name] = node;
        }

        values = result;
        error = null;
        return true;
    }

    private static bool TryRender(JsonNode? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text, out string? error)
    {
        error = null;
        text = null;
        switch (value?.GetValueKind() ?? JsonValueKind.Null)
        {
            case JsonValueKind.String:
                text = value!.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = JsonScalars.FormatNumber(value!);
                return true;
            case JsonValueKind.True:
                text = "true";
                return true;
            case JsonValueKind.False:
                text = "false";
                return true;
            case JsonValueKind.Null:
                error = "is null";
                return false;
            default:
                error = $"a {value!.GetValueKind().ToString().ToLowerInvariant()} cannot be part of a key";
                return false;
        }
    }

    private static string Escape(string part) =>
        part.AsSpan().IndexOfAny('%', Separator) < 0 ? part : part.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    private static string Unescape(string part) =>
        part.Contains('%', StringComparison.Ordinal)
            ? part.Replace("%7C", "|", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal)
            : part;
}
