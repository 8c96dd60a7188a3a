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
    public static RecordFilter Eq(string field, JsonNode? value) => new FieldEqualsFilter(field, ToElement(value));

    /// <summary>Every filter holds.</summary>
    public static RecordFilter All(params RecordFilter[] children) => new AndFilter([.. children]);

    /// <summary>At least one filter holds.</summary>
    public static RecordFilter Any(params RecordFilter[] children) => new OrFilter([.. children]);

    private static JsonElement ToElement(JsonNode? value) =>
        value is null ? JsonSerializer.SerializeToElement<JsonNode?>(null) : JsonSerializer.SerializeToElement(value);
}
