using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Model.Aggregation;

/// <summary>
/// A dependency whose ER condition equates every primary-key field of the related projection with a field of the
/// record it starts from (an item's order, an item's product): its one related record is read by its canonical key
/// instead of queried, which spares the filter, its text and the batched query of a join with hundreds of records.
/// </summary>
/// <remarks>
/// Keys render values equal by <see cref="JsonScalars.ValueEquals"/> alike (7 and 7.0 give "7"), but also a string and
/// a number that the condition tells apart ("7" and 7): the record read is kept only when its key fields equal the
/// source's by <see cref="JsonScalars.ValueEquals"/>, which is what the condition's equality filter keeps.
/// </remarks>
internal sealed class ParentKey
{
    private static readonly ConditionalWeakTable<AggregationDependency, ParentKey?> Cache = [];

    private readonly string[] _keyFields;
    private readonly string[] _sourceFields;

    private ParentKey(string[] keyFields, string[] sourceFields)
    {
        _keyFields = keyFields;
        _sourceFields = sourceFields;
    }

    /// <summary>The key lookup for <paramref name="dependency"/>, whose records are those of <paramref name="related"/>;
    /// null when its condition is not an equality on the whole primary key.</summary>
    public static ParentKey? Of(AggregationDependency dependency, ProjectionDefinition related) =>
        Cache.GetValue(dependency, d => Derive(d.Condition, related));

    /// <summary>The canonical key of the record <paramref name="source"/> points at; false when a source field is
    /// missing, null or not a scalar (the condition then relates no record).</summary>
    public bool TryKeyOf(JsonObject source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? key)
    {
        key = null;
        var values = new JsonNode?[_sourceFields.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!source.TryGetPropertyValue(_sourceFields[i], out var value)
                || value?.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }

            values[i] = value;
        }

        key = RecordKey.Format(values);
        return true;
    }

    /// <summary>True when <paramref name="related"/>, read by the key of <paramref name="source"/>, is live and is what
    /// the condition relates to it.</summary>
    public bool Relates(JsonObject source, JsonObject? related)
    {
        if (!RecordStates.IsPublic(related))
        {
            return false;
        }

        for (var i = 0; i < _keyFields.Length; i++)
        {
            related!.TryGetPropertyValue(_keyFields[i], out var actual);
            source.TryGetPropertyValue(_sourceFields[i], out var expected);
            if (!JsonScalars.ValueEquals(expected, actual))
            {
                return false;
            }
        }

        return true;
    }

    private static ParentKey? Derive(ErCondition? condition, ProjectionDefinition related)
    {
        IReadOnlyList<ConditionNode> leaves = condition?.Condition switch
        {
            ConditionFieldEquals equals => [equals],
            ConditionAnd and => and.Children,
            _ => [],
        };
        var sourceByKeyField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            if (leaf is not ConditionFieldEquals equals || !sourceByKeyField.TryAdd(equals.ToField, equals.FromField))
            {
                return null;
            }
        }

        if (sourceByKeyField.Count != related.PrimaryKey.Count || !related.PrimaryKey.All(sourceByKeyField.ContainsKey))
        {
            return null;
        }

        return new ParentKey([.. related.PrimaryKey], [.. related.PrimaryKey.Select(f => sourceByKeyField[f])]);
    }
}
