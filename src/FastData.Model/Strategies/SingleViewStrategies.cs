using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Model.Strategies;

/// <summary>
/// Which single views a projection change affects. Routes are derived from each aggregation: every projection
/// dependency is reached from the base (or another <c>_identifier</c>) dependency through ER conditions, so a
/// changed record is walked back along the same conditions (multi-hop, 1:N and N:1 alike) to the records that
/// carry the single-view identifier. <c>projectionChangesSchema.json</c> paths replace the derived routes of the
/// projections they start from.
/// </summary>
public sealed class SingleViewStrategies
{
    /// <summary>How many per-record filters one lookup ORs together at most.</summary>
    internal const int MaxFiltersPerQuery = 256;

    private readonly Dictionary<string, List<StrategyRoute>> _routes = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ProjectionDefinition> _projections;
    private readonly IReadOnlyDictionary<string, SingleViewDefinition> _singleViews;
    private readonly SingleViewReads _reads;

    internal SingleViewStrategies(FastDataModel model, ProjectionChangesSchema? overrides)
    {
        _projections = model.Projections;
        _singleViews = model.SingleViews;
        _reads = model.Reads;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var singleView in model.SingleViews.Values)
        {
            var overridden = new HashSet<string>(StringComparer.Ordinal);
            if (overrides is not null && overrides.Paths.TryGetValue(singleView.Name, out var paths))
            {
                foreach (var path in paths)
                {
                    overridden.Add(path.Projections[0]);
                    Add(new StrategyRoute(singleView.Name, path.Projections, path.Hops, path.Identifier, IsOverride: true, path.Function));
                }
            }

            foreach (var route in Derive(singleView).Where(r => !overridden.Contains(r.Projections[0])))
            {
                Add(route);
            }
        }

        void Add(StrategyRoute route)
        {
            if (seen.Add(route.Signature))
            {
                if (!_routes.TryGetValue(route.Projections[0], out var list))
                {
                    _routes[route.Projections[0]] = list = [];
                }

                list.Add(route);
            }
        }
    }

    /// <summary>The routes starting at a projection (empty when no single view depends on it).</summary>
    public IReadOnlyList<StrategyRoute> RoutesFor(string projection) =>
        _routes.TryGetValue(projection, out var list) ? list : [];

    /// <summary>The names of the single views that depend on a projection.</summary>
    public IReadOnlyCollection<string> SingleViewsAffectedBy(string projection) =>
        RoutesFor(projection).Select(r => r.SingleViewName).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The single-view keys whose content depends on a record of <paramref name="projection"/> before or after a
    /// change (both are walked, so a foreign-key move yields the old and the new parent). Related records are read
    /// in any state: an extra recomputation is harmless, a missed one is not. When both versions are given, a single
    /// view is left out if the change keeps every field it reads (<see cref="SingleViewReads.MayChange"/>): pass a
    /// null <paramref name="before"/> to name every key the record reaches whatever changed.
    /// </summary>
    public ValueTask<IReadOnlyCollection<SingleViewKey>> AffectedAsync(string projection, JsonObject? before, JsonObject? after,
        IProjectionResolver resolver, CancellationToken cancellationToken) =>
        AffectedAsync(projection, before, after, resolver, unread: null, cancellationToken);

    /// <summary>
    /// <see cref="AffectedAsync(string, JsonObject?, JsonObject?, IProjectionResolver, CancellationToken)"/>, adding to
    /// <paramref name="unread"/> the names of the single views left out because the change keeps every field they read.
    /// </summary>
    public async ValueTask<IReadOnlyCollection<SingleViewKey>> AffectedAsync(string projection, JsonObject? before, JsonObject? after,
        IProjectionResolver resolver, ICollection<string>? unread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(resolver);
        var result = new HashSet<SingleViewKey>();
        if (!_routes.TryGetValue(projection, out var routes))
        {
            return result;
        }

        var cache = new Dictionary<(string, string), IReadOnlyList<JsonObject>>();
        // Whether the change can alter each single view, decided once for all of its routes.
        var mayChange = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (!mayChange.TryGetValue(route.SingleViewName, out var changes))
            {
                mayChange[route.SingleViewName] = changes = _reads.MayChange(route.SingleViewName, projection, before, after);
                if (!changes)
                {
                    unread?.Add(route.SingleViewName);
                }
            }

            if (!changes)
            {
                continue;
            }

            if (after is not null)
            {
                await WalkAsync(route, after, resolver, cache, result, cancellationToken).ConfigureAwait(false);
            }

            // The walk from the version before reaches the same keys when the change kept every field the route starts
            // from (an update of a mapped value): only a move, or a route that hands the whole record to a function,
            // needs both.
            if (before is not null && (after is null || !StartsAlike(route, before, after)))
            {
                await WalkAsync(route, before, resolver, cache, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>The fields each route starts from, worked out once per route (routes are immutable).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StrategyRoute, string[]> StartFields = new();

    /// <summary>True when <paramref name="before"/> and <paramref name="after"/> hold equal values in every field the
    /// route's walk reads from the changed record: every field its first condition names (either side, a superset of
    /// what the first hop reads), or, for a route without hops, its identifier fields.</summary>
    private static bool StartsAlike(StrategyRoute route, JsonObject before, JsonObject after)
    {
        if (route.Function is not null && route.Hops.Count == 0)
        {
            return false;
        }

        foreach (var field in StartFields.GetValue(route, FieldsReadAtStart))
        {
            before.TryGetPropertyValue(field, out var was);
            after.TryGetPropertyValue(field, out var now);
            if (!JsonScalars.ValueEquals(was, now))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] FieldsReadAtStart(StrategyRoute route) => route.Hops.Count == 0
        ? [.. route.Identifier.Select(i => i.Field).Distinct(StringComparer.Ordinal)]
        : [.. route.Hops[0].Condition.ComparedFields().Select(f => f.Field).Distinct(StringComparer.Ordinal)];

    private async ValueTask WalkAsync(StrategyRoute route, JsonObject record, IProjectionResolver resolver,
        Dictionary<(string, string), IReadOnlyList<JsonObject>> cache, HashSet<SingleViewKey> result, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonObject> records = [record];
        foreach (var hop in route.Hops)
        {
            var target = hop.Reverse ? hop.Condition.From : hop.Condition.To;
            var targetProjection = _projections[target];
            var next = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            // A hop that leads to a parent by its whole primary key reads the parents by key, in one batch; the records
            // whose parent the key does not find are queried by value, as every record of the other hops.
            var unresolved = ParentKey.Of(hop, targetProjection) is { } parentKey
                ? await AddParentsAsync(parentKey, targetProjection, records, next, resolver, cancellationToken).ConfigureAwait(false)
                : records;
            var filters = new Dictionary<string, RecordFilter>(StringComparer.Ordinal);
            foreach (var current in unresolved)
            {
                var filter = hop.Reverse ? ConditionFilters.Reverse(hop.Condition, current) : ConditionFilters.Forward(hop.Condition, current);
                if (filter is not null)
                {
                    filters.TryAdd(filter.ToString(), filter);
                }
            }

            // One query per batch of related records rather than one per record: a popular product reaches
            // thousands of items, and each hop would otherwise cost a round trip per record.
            foreach (var batch in filters.Values.Chunk(MaxFiltersPerQuery))
            {
                var filter = batch.Length == 1 ? batch[0] : new OrFilter([.. batch]);
                var cacheKey = (target, filter.ToString());
                if (!cache.TryGetValue(cacheKey, out var found))
                {
                    found = await resolver.FindAsync(target, filter, cancellationToken).ConfigureAwait(false);
                    cache[cacheKey] = found;
                }

                foreach (var related in found)
                {
                    var id = RecordKey.TryFromRecord(related, targetProjection.PrimaryKey, out var key, out _) ? key : related.ToJsonString();
                    next.TryAdd(id, related);
                }
            }

            records = [.. next.Values];
            if (records.Count == 0)
            {
                return;
            }
        }

        if (route.Function is { } function)
        {
            var keyFields = _singleViews[route.SingleViewName].KeyFields;
            var last = route.Projections[^1];
            foreach (var current in records)
            {
                var identifiers = await function(new StrategyFunctionContext(route.SingleViewName, last, current, resolver, cancellationToken)).ConfigureAwait(false);
                foreach (var identifier in identifiers)
                {
                    AddKey(route.SingleViewName, identifier, keyFields.Select(k => (k.ProjectionField, k.ProjectionField)).ToArray(), result);
                }
            }

            return;
        }

        foreach (var current in records)
        {
            AddKey(route.SingleViewName, current, route.Identifier, result);
        }
    }

    /// <summary>Adds to <paramref name="next"/> the parents read by key; returns the records whose parent the key did not
    /// find: the store files a record under its source key, which a cast may have reformatted (a date, "007" read as 7).</summary>
    private static async ValueTask<IReadOnlyList<JsonObject>> AddParentsAsync(ParentKey parentKey, ProjectionDefinition target, IReadOnlyList<JsonObject> records,
        Dictionary<string, JsonObject> next, IProjectionResolver resolver, CancellationToken cancellationToken)
    {
        var parents = await parentKey.ReadParentsAsync(records, target.Name, resolver, new Dictionary<string, JsonObject?>(StringComparer.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        List<JsonObject>? unresolved = null;
        for (var i = 0; i < parents.Length; i++)
        {
            // Related records count in any state, as the queries of the other hops find them.
            if (parents[i] is { } parent)
            {
                next.TryAdd(RecordKey.FromRecord(parent, target.PrimaryKey), parent);
            }
            else
            {
                (unresolved ??= []).Add(records[i]);
            }
        }

        return unresolved ?? (IReadOnlyList<JsonObject>)[];
    }

    private static void AddKey(string singleViewName, JsonObject current, IReadOnlyList<(string IdentifierField, string Field)> identifier, HashSet<SingleViewKey> result)
    {
        var values = new JsonNode?[identifier.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!current.TryGetPropertyValue(identifier[i].Field, out var value) || value is null
                || value.GetValueKind() is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            {
                return;
            }

            values[i] = value;
        }

        result.Add(new SingleViewKey(singleViewName, RecordKey.Format(values)));
    }

    /// <summary>One route per projection dependency occurrence, walked back to its <c>_identifier</c> dependency.</summary>
    private static List<StrategyRoute> Derive(SingleViewDefinition singleView)
    {
        var routes = new List<StrategyRoute>();
        Walk(singleView.Aggregation.Root, [], new HashSet<AggregationConfig>(), 0);
        return routes;

        void Walk(AggregationConfig config, List<(string Alias, string Projection, int Depth, Node Node)> inherited, HashSet<AggregationConfig> path, int depth)
        {
            if (!path.Add(config))
            {
                return;
            }

            var scope = new List<(string Alias, string Projection, int Depth, Node Node)>(inherited);
            if (config.JoinDependency is { } join)
            {
                var index = scope.FindLastIndex(s => s.Alias == join);
                if (index >= 0)
                {
                    scope.Add(scope[index] with { Depth = depth });
                }
            }

            foreach (var dependency in config.Dependencies.Where(d => d.Type == DependencyType.Projection))
            {
                Node node;
                if (dependency.IsIdentifier)
                {
                    // Every identifier field must be read from the record; a mapping that queries only some of
                    // them cannot name a key, so such a dependency starts no route (its chained dependencies
                    // neither). Document this limit rather than guess.
                    var query = dependency.IdentifierQuery(singleView.KeyFields);
                    var identifier = singleView.KeyFields
                        .Select(k => (k.ProjectionField, query.FirstOrDefault(q => q.IdentifierField == k.ProjectionField).ProjectionField))
                        .ToArray();
                    node = new Node(dependency.Projection!, null, null, identifier.Any(i => i.Item2 is null) ? null : identifier!);
                }
                else
                {
                    var condition = dependency.Condition!;
                    var source = ScopeEntry.FindSource(scope, s => (s.Alias, s.Projection, s.Depth, false), condition.From, dependency.UseAlias);
                    if (source < 0)
                    {
                        continue;
                    }

                    node = new Node(dependency.Projection!, condition, scope[source].Node, null);
                }

                scope.Add((dependency.Alias, dependency.Projection!, depth, node));
                if (node.ToRoute(singleView.Name) is { } route)
                {
                    routes.Add(route);
                }
            }

            foreach (var dependency in config.Dependencies.Where(d => d.Config is not null))
            {
                Walk(dependency.Config!, scope, path, depth + 1);
            }

            path.Remove(config);
        }
    }

    private sealed record Node(string Projection, ErCondition? Condition, Node? Parent, IReadOnlyList<(string IdentifierField, string Field)>? Identifier)
    {
        public StrategyRoute? ToRoute(string singleViewName)
        {
            var projections = new List<string> { Projection };
            var hops = new List<ProjectionChangeHop>();
            var node = this;
            while (node.Parent is not null)
            {
                hops.Add(new ProjectionChangeHop(node.Condition!, Reverse: true));
                node = node.Parent;
                projections.Add(node.Projection);
            }

            if (node.Identifier is not { } identifier)
            {
                return null;
            }

            if (hops.Count > 0 && TryShortcut(hops[^1].Condition, identifier, out var shortcut))
            {
                // The last condition equates the identifier fields themselves: the key is read from the
                // previous record, saving a lookup (a missing base record then yields a key with no single view,
                // which aggregates to nothing).
                hops.RemoveAt(hops.Count - 1);
                projections.RemoveAt(projections.Count - 1);
                identifier = shortcut;
            }

            return new StrategyRoute(singleViewName, projections, hops, identifier, IsOverride: false);
        }

        private static bool TryShortcut(ErCondition condition, IReadOnlyList<(string IdentifierField, string Field)> identifier,
            out IReadOnlyList<(string, string)> shortcut)
        {
            shortcut = [];
            List<ConditionFieldEquals>? leaves = condition.Condition switch
            {
                ConditionFieldEquals eq => [eq],
                ConditionAnd { Children: var children } when children.All(c => c is ConditionFieldEquals) => [.. children.Cast<ConditionFieldEquals>()],
                _ => null,
            };
            if (leaves is null)
            {
                return false;
            }

            var mapped = new List<(string, string)>();
            foreach (var (identifierField, field) in identifier)
            {
                var leaf = leaves.FirstOrDefault(l => l.FromField == field);
                if (leaf is null)
                {
                    return false;
                }

                mapped.Add((identifierField, leaf.ToField));
            }

            shortcut = mapped;
            return true;
        }
    }
}
