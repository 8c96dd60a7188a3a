using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>
/// An immutable equality filter over projection records, built from ER conditions: field == JSON value, And, Or.
/// <see cref="AndFilter"/> with no children matches every record; <see cref="OrFilter"/> with none matches nothing.
/// </summary>
public abstract record RecordFilter
{
    /// <summary>True when the record satisfies the filter (numbers compare by value, strings ordinal).</summary>
    public abstract bool Matches(JsonObject record);

    /// <summary><c>field == value</c>.</summary>
    /// <remarks>A value held as another .NET type that JSON writes as a string (a <see cref="Guid"/>, a date, a char)
    /// is written out first, as JSON would store it.</remarks>
    public static RecordFilter Eq(string field, JsonNode? value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String && !scalar.TryGetValue<string>(out _)
            ? new FieldEqualsFilter(field, ToElement(value))
            : new FieldEqualsFilter(field, value);

    /// <summary>Every filter holds.</summary>
    public static RecordFilter All(params RecordFilter[] children) => new AndFilter([.. children]);

    /// <summary>At least one filter holds.</summary>
    public static RecordFilter Any(params RecordFilter[] children) => new OrFilter([.. children]);

    /// <remarks>A parsed value hands over the element it wraps (immutable, no copy); anything else is written and parsed,
    /// several times cheaper than the serializer. Filters made from a record's values call it only when asked for their
    /// <see cref="FieldEqualsFilter.Value"/>.</remarks>
    private protected static JsonElement ToElement(JsonNode? value)
    {
        if (value is JsonValue scalar)
        {
            if (scalar.TryGetValue<JsonElement>(out var element))
            {
                return element;
            }

            Span<byte> text = stackalloc byte[32];
            if (scalar.TryGetValue<long>(out var integer) && Utf8Formatter.TryFormat(integer, text, out var written))
            {
                return JsonElement.Parse(text[..written]);
            }

            if (scalar.TryGetValue<int>(out var small) && Utf8Formatter.TryFormat(small, text, out written))
            {
                return JsonElement.Parse(text[..written]);
            }

            if (scalar.TryGetValue<bool>(out var flag))
            {
                return JsonElement.Parse(flag ? "true"u8 : "false"u8);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
