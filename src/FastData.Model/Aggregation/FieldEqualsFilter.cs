using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>The record's <see cref="Field"/> equals <see cref="Value"/> (a missing field equals null).</summary>
/// <remarks>
/// Aggregations build one per joined record, from a value of a record: such a filter keeps that value's node (a scalar
/// <see cref="JsonValue"/> is immutable; a container is copied) and compares, keys and prints from it, so that no
/// <see cref="JsonDocument"/> is parsed per filter. <see cref="Value"/> is then made on first use (MongoDB's translation).
/// </remarks>
public sealed record FieldEqualsFilter : RecordFilter
{
    private readonly JsonNode? _node;
    private readonly bool _fromNode;
    private StrongBox<JsonElement>? _element;
    private StrongBox<JsonNode?>? _elementNode;
    private string? _text;

    /// <summary>A filter on <paramref name="field"/> equal to <paramref name="value"/> (immutable).</summary>
    public FieldEqualsFilter(string field, JsonElement value)
    {
        Field = field;
        _element = new StrongBox<JsonElement>(value);
        ValueKind = value.ValueKind is JsonValueKind.Undefined ? JsonValueKind.Null : value.ValueKind;
        EqualityKey = JsonScalars.EqualityKey(value);
    }

    /// <summary>A filter on <paramref name="field"/> equal to a record's <paramref name="value"/>, kept as it is.</summary>
    internal FieldEqualsFilter(string field, JsonNode? value)
    {
        Field = field;
        // A container is copied, and materialised so that concurrent reads of the copy never race to build it.
        _node = value is null or JsonValue ? value : Materialized(value.DeepClone());
        _fromNode = true;
        ValueKind = _node?.GetValueKind() ?? JsonValueKind.Null;
        EqualityKey = JsonScalars.EqualityKey(_node);
    }

    /// <summary>A top-level field name.</summary>
    public string Field { get; }

    /// <summary>The value (immutable).</summary>
    public JsonElement Value
    {
        get
        {
            if (_element is { } made)
            {
                return made.Value;
            }

            Interlocked.CompareExchange(ref _element, new StrongBox<JsonElement>(ToElement(_node)), null);
            return _element.Value;
        }
    }

    /// <summary>The kind of the value; null for a null or missing value.</summary>
    public JsonValueKind ValueKind { get; }

    /// <summary>The value's equality key (<see cref="JsonScalars.EqualityKey(JsonNode?)"/>): equal keys, equal values.</summary>
    public string EqualityKey { get; }

    /// <summary>The value as a fresh node (never shared).</summary>
    public JsonNode? ValueNode => _fromNode ? _node?.DeepClone() : JsonNode.Parse(Value.GetRawText());

    /// <inheritdoc />
    /// <remarks>One comparison for both kinds of filter (<see cref="JsonScalars.ValueEquals"/>), the one the equality key
    /// and the indexes follow: filters that print alike and are equal also match alike.</remarks>
    public override bool Matches(JsonObject record)
    {
        record.TryGetPropertyValue(Field, out var actual);
        return JsonScalars.ValueEquals(actual, _fromNode ? _node : ElementNode());
    }

    /// <summary>A node over the element, made once: a scalar wraps it, a container is parsed and materialised.</summary>
    private JsonNode? ElementNode()
    {
        if (_elementNode is { } made)
        {
            return made.Value;
        }

        var value = Value;
        JsonNode? node = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Object or JsonValueKind.Array => Materialized(JsonNode.Parse(value.GetRawText())!),
            _ => JsonValue.Create(value),
        };
        Interlocked.CompareExchange(ref _elementNode, new StrongBox<JsonNode?>(node), null);
        return _elementNode.Value;
    }

    /// <inheritdoc />
    public override string ToString() => _text ??= $"{Field} == {ValueText()}";

    /// <inheritdoc />
    public bool Equals(FieldEqualsFilter? other) =>
        other is not null && string.Equals(Field, other.Field, StringComparison.Ordinal) && string.Equals(EqualityKey, other.EqualityKey, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Field, EqualityKey);

    private static JsonNode Materialized(JsonNode node)
    {
        JsonMaterializer.Materialize(node);
        return node;
    }

    private string ValueText()
    {
        if (!_fromNode)
        {
            return Value.GetRawText();
        }

        if (_node is JsonValue scalar && scalar.TryGetValue<long>(out var integer))
        {
            return integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (_node is JsonValue small && small.TryGetValue<int>(out var number))
        {
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return _node?.ToJsonString() ?? "null";
    }

}
