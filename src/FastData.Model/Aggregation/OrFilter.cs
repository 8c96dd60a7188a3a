using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

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
