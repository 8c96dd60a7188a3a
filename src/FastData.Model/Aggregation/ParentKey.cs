using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Model.Aggregation;

/// <summary>
/// An ER condition, walked in one direction, that equates every primary-key field of the projection it leads to with a
/// field of the record it starts from (an item's order, an item's product): the one related record is read by its
/// canonical key instead of queried, which spares the filter, its text and the batched query of a join with hundreds
/// of records. The aggregation engine uses it for dependencies, the strategies for the hops they walk.
/// </summary>
/// <remarks>
/// Keys render values equal by <see cref="JsonScalars.ValueEquals"/> alike (7 and 7.0 give "7"), but also a string and
/// a number that the condition tells apart ("7" and 7): the record read is kept only when its key fields equal the
/// source's by <see cref="JsonScalars.ValueEquals"/>, which is what the condition's equality filter keeps.
/// </remarks>
internal sealed class ParentKey
{
    // Keyed by the dependency or the hop, both part of the loaded model, so the derivation runs once for each.
    private static readonly ConditionalWeakTable<object, ParentKey?> Cache = [];

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
        Cache.GetValue(dependency, _ => Derive(dependency.Condition, reverse: false, related));

    /// <summary>The key lookup for a strategy hop leading to <paramref name="related"/>; null when the hop's condition
    /// is not an equality on its whole primary key.</summary>
    public static ParentKey? Of(ProjectionChangeHop hop, ProjectionDefinition related) =>
        Cache.GetValue(hop, _ => Derive(hop.Condition, hop.Reverse, related));

    /// <summary>
    /// The parents <paramref name="sources"/> point at, read by key from <paramref name="projection"/>: one batch for
    /// the keys not in <paramref name="cache"/> (which keeps what was read, misses included). A source gets null when
    /// it points at nothing (a key field missing, null or not a scalar) or when the key finds no record it relates to
    /// (the key fields must equal the source's by <see cref="JsonScalars.ValueEquals"/>): the caller then queries by value. Parents count in any state.
    /// </summary>
    public async ValueTask<JsonObject?[]> ReadParentsAsync(IReadOnlyList<JsonObject> sources, string projection, IProjectionResolver resolver,
        Dictionary<string, JsonObject?> cache, CancellationToken cancellationToken)
    {
        var keys = new string?[sources.Count];
        HashSet<string>? missing = null;
        for (var i = 0; i < keys.Length; i++)
        {
            if (RecordKey.TryFromRecord(sources[i], _sourceFields, out var key, out _))
            {
                keys[i] = key;
                if (!cache.ContainsKey(key))
                {
                    (missing ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
                }
            }
        }

        if (missing is not null)
        {
            var found = await resolver.GetManyAsync(projection, missing, cancellationToken).ConfigureAwait(false);
            foreach (var key in missing)
            {
                cache[key] = found.GetValueOrDefault(key);
            }
        }

        var parents = new JsonObject?[keys.Length];
        for (var i = 0; i < parents.Length; i++)
        {
            parents[i] = keys[i] is { } key ? Related(sources[i], cache[key]) : null;
        }

        return parents;
    }

    /// <summary><see cref="ReadParentsAsync"/> for one source, read with <see cref="IProjectionResolver.GetAsync"/>.</summary>
    public async ValueTask<JsonObject?> ReadParentAsync(JsonObject source, string projection, IProjectionResolver resolver,
        Dictionary<string, JsonObject?> cache, CancellationToken cancellationToken)
    {
        if (!RecordKey.TryFromRecord(source, _sourceFields, out var key, out _))
        {
            return null;
        }

        if (!cache.TryGetValue(key, out var record))
        {
            cache[key] = record = await resolver.GetAsync(projection, key, cancellationToken).ConfigureAwait(false);
        }

        return Related(source, record);
    }

    /// <summary><paramref name="read"/>, read by the key of <paramref name="source"/>, when it is what the condition relates
    /// to it; else null.</summary>
    private JsonObject? Related(JsonObject source, JsonObject? read)
    {
        if (read is null)
        {
            return null;
        }

        for (var i = 0; i < _keyFields.Length; i++)
        {
            read.TryGetPropertyValue(_keyFields[i], out var actual);
            source.TryGetPropertyValue(_sourceFields[i], out var expected);
            if (!JsonScalars.ValueEquals(expected, actual))
            {
                return null;
            }
        }

        return read;
    }

    private static ParentKey? Derive(ErCondition? condition, bool reverse, ProjectionDefinition related)
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
            // Walked forward, the condition reads ToField on the related record; walked backwards, FromField.
            if (leaf is not ConditionFieldEquals equals
                || !(reverse
                    ? sourceByKeyField.TryAdd(equals.FromField, equals.ToField)
                    : sourceByKeyField.TryAdd(equals.ToField, equals.FromField)))
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
