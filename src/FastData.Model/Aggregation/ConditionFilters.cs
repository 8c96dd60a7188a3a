using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;

namespace FastData.Model.Aggregation;

/// <summary>Turns an ER condition and a known record into a <see cref="RecordFilter"/> over the other side.</summary>
public static class ConditionFilters
{
    private static readonly RecordFilter Always = new AndFilter([]);

    /// <summary>
    /// The filter over <see cref="ErCondition.To"/> records related to <paramref name="fromRecord"/>, or null when
    /// none can match (a compared field of the record is missing or null).
    /// </summary>
    public static RecordFilter? Forward(ErCondition condition, JsonObject fromRecord)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(fromRecord);
        return Build(condition.Condition, fromRecord, forward: true);
    }

    /// <summary>
    /// The filter over <see cref="ErCondition.From"/> records that relate to <paramref name="toRecord"/>, or null
    /// when none can (a compared field is missing, or a constant of the condition does not hold for the record).
    /// </summary>
    public static RecordFilter? Reverse(ErCondition condition, JsonObject toRecord)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(toRecord);
        return Build(condition.Condition, toRecord, forward: false);
    }

    private static RecordFilter? Build(ConditionNode node, JsonObject known, bool forward)
    {
        switch (node)
        {
            case ConditionFieldEquals eq:
                {
                    var (knownField, queriedField) = forward ? (eq.FromField, eq.ToField) : (eq.ToField, eq.FromField);
                    if (!known.TryGetPropertyValue(knownField, out var value) || value is null || value.GetValueKind() == JsonValueKind.Null)
                    {
                        return null;
                    }

                    return RecordFilter.Eq(queriedField, value);
                }

            case ConditionConstant constant:
                if (forward)
                {
                    return new FieldEqualsFilter(constant.ToField, constant.Value);
                }

                known.TryGetPropertyValue(constant.ToField, out var actual);
                return new FieldEqualsFilter(constant.ToField, constant.Value).Matches(known) && actual is not null ? Always : null;

            case ConditionAnd and:
                {
                    var children = ImmutableArray.CreateBuilder<RecordFilter>();
                    foreach (var child in and.Children)
                    {
                        var built = Build(child, known, forward);
                        if (built is null)
                        {
                            return null;
                        }

                        if (built is AndFilter { Children.Length: 0 })
                        {
                            continue;
                        }

                        children.Add(built);
                    }

                    return children.Count == 1 ? children[0] : new AndFilter(children.ToImmutable());
                }

            case ConditionOr or:
                {
                    var children = ImmutableArray.CreateBuilder<RecordFilter>();
                    foreach (var child in or.Children)
                    {
                        var built = Build(child, known, forward);
                        if (built is AndFilter { Children.Length: 0 })
                        {
                            return Always;
                        }

                        if (built is not null)
                        {
                            children.Add(built);
                        }
                    }

                    return children.Count switch
                    {
                        0 => null,
                        1 => children[0],
                        _ => new OrFilter(children.ToImmutable()),
                    };
                }

            default:
                throw new InvalidOperationException($"Unknown condition node {node.GetType().Name}.");
        }
    }
}
