using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

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
