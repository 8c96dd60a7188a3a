using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

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
