using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// The canonical key string of a record (stream key, document id, grain key): the primary-key values in declared order,
/// each as plain text (string as is, integer without decimal point, other numbers in invariant round-trip form, booleans
/// <c>true</c>/<c>false</c>), each part with '%' written %25 and '|' written %7C, joined with '|'.
/// </summary>
public static class CanonicalKey
{
    /// <summary>Escapes one key part.</summary>
    public static string EscapePart(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.AsSpan().IndexOfAny('%', '|') < 0)
        {
            return part;
        }

        return part.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);
    }

    /// <summary>Builds the canonical key from unescaped parts in declared order.</summary>
    public static string FromParts(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Length == 1 ? EscapePart(parts[0]) : string.Join('|', parts.Select(EscapePart));
    }

    /// <summary>Renders a number as the canonical rule asks.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the key fields from the JSON object <paramref name="json"/>. Returns <see cref="KeyExtraction.Found"/> with the
    /// key, or why not (<paramref name="problem"/> names the missing or unusable fields).
    /// </summary>
    internal static KeyExtraction TryExtract(ReadOnlySpan<byte> json, KafkaKeyFields fields, out string? key, out string? problem)
    {
        key = null;
        problem = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "the key source is not a JSON object";
            return KeyExtraction.NotAnObject;
        }

        var names = fields.Utf8Names;
        string? single = null;
        var parts = names.Length > 1 ? new string?[names.Length] : null;
        string? unusable = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    index = i;
                    break;
                }
            }

            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            var text = RenderScalar(ref reader);
            if (text is null)
            {
                unusable ??= fields.Names[index];
                reader.Skip();
                continue;
            }

            if (parts is null)
            {
                single = text;
            }
            else
            {
                parts[index] = text;
            }
        }

        if (parts is null)
        {
            if (single is null)
            {
                problem = unusable is null ? $"key field '{fields.Names[0]}' is absent" : $"key field '{unusable}' is null or not a scalar";
                return KeyExtraction.FieldsMissing;
            }

            key = EscapePart(single);
            return KeyExtraction.Found;
        }

        var missing = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is null)
            {
                missing.Add(fields.Names[i]);
            }
        }

        if (missing.Count > 0)
        {
            problem = $"key field(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} absent, null or not scalar";
            return KeyExtraction.FieldsMissing;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('|');
            }

            builder.Append(EscapePart(parts[i]!));
        }

        key = builder.ToString();
        return KeyExtraction.Found;
    }

    /// <summary>Renders a scalar JSON value that is itself the whole key (a Kafka key that is a bare string or number).</summary>
    internal static string? TryRenderBareScalar(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            return null;
        }

        var text = RenderScalar(ref reader);
        return text is null ? null : EscapePart(text);
    }

    private static string? RenderScalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : FormatNumber(reader.GetDouble()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };
}

/// <summary>The outcome of reading a key from a JSON object.</summary>
internal enum KeyExtraction
{
    Found,
    NotAnObject,
    FieldsMissing,
}
