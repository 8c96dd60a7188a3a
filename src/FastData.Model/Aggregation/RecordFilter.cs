using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>
/// An immutable equality filter over projection records, built from ER conditions: field == JSON value, And, Or.
/// <see cref="And"/> with no children matches every record.
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

/// <summary>The record's <see cref="Field"/> equals <see cref="Value"/> (a missing field equals null).</summary>
/// <param name="Field">A top-level field name.</param>
/// <param name="Value">The value (immutable).</param>
public sealed record FieldEqualsFilter(string Field, JsonElement Value) : RecordFilter
{
    /// <summary>The value as a fresh node (never shared).</summary>
    public JsonNode? ValueNode => JsonNode.Parse(Value.GetRawText());

    /// <inheritdoc />
    public override bool Matches(JsonObject record)
    {
        record.TryGetPropertyValue(Field, out var actual);
        return Value.ValueKind switch
        {
            JsonValueKind.Null => actual is null || actual.GetValueKind() == JsonValueKind.Null,
            JsonValueKind.String => actual?.GetValueKind() == JsonValueKind.String
                && string.Equals(actual.GetValue<string>(), Value.GetString(), StringComparison.Ordinal),
            JsonValueKind.True => actual?.GetValueKind() == JsonValueKind.True,
            JsonValueKind.False => actual?.GetValueKind() == JsonValueKind.False,
            JsonValueKind.Number => NumberEquals(actual),
            _ => JsonNode.DeepEquals(actual, JsonNode.Parse(Value.GetRawText())),
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Field} == {Value.GetRawText()}";

    /// <inheritdoc />
    public bool Equals(FieldEqualsFilter? other) =>
        other is not null && string.Equals(Field, other.Field, StringComparison.Ordinal) && JsonElement.DeepEquals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Field, Value.ValueKind);

    private bool NumberEquals(JsonNode? actual)
    {
        if (actual?.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (Value.TryGetInt64(out var expected) && JsonScalars.TryGetInt64(actual, out var l))
        {
            return expected == l;
        }

        return JsonScalars.TryGetDouble(actual, out var d) && Value.GetDouble() == d;
    }
}

/// <summary>Every child holds; no child = always true.</summary>
public sealed record AndFilter(ImmutableArray<RecordFilter> Children) : RecordFilter
{
    /// <inheritdoc />
    public override bool Matches(JsonObject record)
    {
        foreach (var child in Children)
        {
            if (!child.Matches(record))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Children.Length == 0 ? "true" : "(" + string.Join(" and ", Children) + ")";

    /// <inheritdoc />
    public bool Equals(AndFilter? other) => other is not null && Children.SequenceEqual(other.Children);

    /// <inheritdoc />
    public override int GetHashCode() => Children.Length;
}

/// <summary>At least one child holds; no child = always false.</summary>
public sealed record OrFilter(ImmutableArray<RecordFilter> Children) : RecordFilter
{
    /// <inheritdoc />
    public override bool Matches(JsonObject record)
    {
        foreach (var child in Children)
        {
            if (child.Matches(record))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Children.Length == 0 ? "false" : "(" + string.Join(" or ", Children) + ")";

    /// <inheritdoc />
    public bool Equals(OrFilter? other) => other is not null && Children.SequenceEqual(other.Children);

    /// <inheritdoc />
    public override int GetHashCode() => Children.Length;
}
