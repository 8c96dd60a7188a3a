using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Model.Aggregation;

/// <summary>
/// Builds a single-view document from projection records, following the Fast Data low-code aggregation:
/// dependencies are resolved in declaration order (<c>_identifier</c> by the single-view key, others through their
/// ER condition from a dependency already in scope), only PUBLIC records count, and the mapping shapes the result.
/// Pure: all reads go through the resolver; the output is deterministic for a given projection state.
/// </summary>
public static class AggregationEngine
{
    /// <summary>How many per-record filters one batched lookup ORs together at most.</summary>
    internal const int MaxFiltersPerQuery = 256;

    /// <summary>
    /// Aggregates the single view with canonical key <paramref name="singleViewKey"/>; null when the base record is
    /// missing or not PUBLIC (there is no such single view). The document is the one <see cref="WriteAsync"/> writes.
    /// </summary>
    /// <exception cref="FormatException">The key does not fit the single view's key fields.</exception>
    public static async ValueTask<JsonObject?> AggregateAsync(SingleViewDefinition singleView, string singleViewKey,
        IProjectionResolver resolver, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using var writer = new Utf8JsonWriter(buffer);
        if (!await WriteAsync(singleView, singleViewKey, resolver, writer, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return StoredJson.ParseObject(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes the single view with canonical key <paramref name="singleViewKey"/> to <paramref name="writer"/> as one
    /// JSON object; false, with nothing written, when the base record is missing or not PUBLIC (there is no such single
    /// view). Record values are written where they are, never copied into a tree: an aggregation of a single view that
    /// holds hundreds of joined records then allocates no node per value, and the output can be compared byte for byte
    /// with the previous one (the same projection state always writes the same bytes).
    /// </summary>
    /// <exception cref="FormatException">The key does not fit the single view's key fields.</exception>
    public static async ValueTask<bool> WriteAsync(SingleViewDefinition singleView, string singleViewKey,
        IProjectionResolver resolver, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(singleView);
        ArgumentNullException.ThrowIfNull(singleViewKey);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(writer);
        var identifier = ParseIdentifier(singleView, singleViewKey);
        var run = new Run(singleView, singleViewKey, identifier, resolver, writer, cancellationToken);
        var scope = new Scope(null);
        if (!await run.ResolveAsync(singleView.Aggregation.Root, scope).ConfigureAwait(false))
        {
            return false;
        }

        await run.MapAsync(singleView.Aggregation.Root, singleView.Aggregation.Root.Mapping, scope).ConfigureAwait(false);
        return true;
    }

    /// <summary>The identifier (base projection field -> typed value) a single-view key stands for.</summary>
    /// <exception cref="FormatException">The key does not fit the single view's key fields.</exception>
    public static JsonObject ParseIdentifier(SingleViewDefinition singleView, string singleViewKey)
    {
        ArgumentNullException.ThrowIfNull(singleView);
        var fields = singleView.KeyFields
            .Select(k => (k.ProjectionField, singleView.BaseProjection.Fields[k.ProjectionField].Type))
            .ToArray();
        return RecordKey.TryParseValues(singleViewKey, fields, out var values, out var error)
            ? values
            : throw new FormatException($"Single view '{singleView.Name}': {error}.");
    }

    /// <summary>Orders records by their canonical key fields so that arrays and picks are deterministic.</summary>
    internal static List<JsonObject> SortByKey(IEnumerable<JsonObject> records, ProjectionDefinition projection)
    {
        var list = records.ToList();
        if (list.Count < 2)
        {
            return list;
        }

        // Each record's key is read once: a comparison runs n log n times, and a property lookup scans the record's fields.
        var keyFields = projection.PrimaryKey;
        var keyed = new (JsonNode?[] Key, JsonObject Record)[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var key = new JsonNode?[keyFields.Count];
            for (var f = 0; f < key.Length; f++)
            {
                list[i].TryGetPropertyValue(keyFields[f], out key[f]);
            }

            keyed[i] = (key, list[i]);
        }

        Array.Sort(keyed, static (a, b) =>
        {
            for (var f = 0; f < a.Key.Length; f++)
            {
                var c = JsonScalars.Compare(a.Key[f], b.Key[f]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        for (var i = 0; i < keyed.Length; i++)
        {
            list[i] = keyed[i].Record;
        }

        return list;
    }

    private sealed class Run(SingleViewDefinition singleView, string key, JsonObject identifier, IProjectionResolver resolver, Utf8JsonWriter writer,
        CancellationToken cancellationToken)
    {
        private readonly Dictionary<(string, string), IReadOnlyList<JsonObject>> _findCache = [];

        /// <summary>What a dependency resolved to from a given source record: a joined config resolves its dependencies
        /// once per joined record, and building the filter again for each costs more than the lookup.</summary>
        private readonly Dictionary<DependencyFrom, IReadOnlyList<JsonObject>> _related = [];
        private int _relatedCapacity;

        /// <summary>The prefetch candidates of each config: configurations are immutable, so they are worked out once.</summary>
        private static readonly ConditionalWeakTable<AggregationConfig, AggregationDependency[]> CandidatesByConfig = new();

        /// <summary>Records read by key, per projection (null: no such record), so that a parent many joined records share
        /// is read once.</summary>
        private readonly Dictionary<string, Dictionary<string, JsonObject?>> _byKey = new(StringComparer.Ordinal);

        /// <summary>Binds the config's projection dependencies; false when the base record is missing or not PUBLIC.</summary>
        public async ValueTask<bool> ResolveAsync(AggregationConfig config, Scope scope, bool onlyFirst = false)
        {
            for (var i = 0; i < config.Dependencies.Count; i++)
            {
                var dependency = config.Dependencies[i];
                if (dependency.Type != DependencyType.Projection || (onlyFirst && i > 0))
                {
                    continue;
                }

                // A config's own join dependency is bound, one record at a time, before the config resolves.
                if (!onlyFirst && i == 0 && config.OwnsJoinDependency && scope.IsBoundHere(dependency.Alias))
                {
                    continue;
                }

                var projection = singleView.Projections[dependency.Projection!];
                if (dependency.IsIdentifier)
                {
                    var isBase = ReferenceEquals(dependency, singleView.BaseDependency);
                    var record = isBase
                        ? await GetBaseAsync(projection).ConfigureAwait(false)
                        : await FindByIdentifierAsync(dependency, projection).ConfigureAwait(false);
                    if (isBase && record is null)
                    {
                        return false;
                    }

                    scope.Bind(dependency.Alias, dependency.Projection!, new Value(record, null));
                    continue;
                }

                var condition = dependency.Condition!;
                IReadOnlyList<JsonObject> related = [];
                if (scope.FindSource(condition.From, dependency.UseAlias)?.Single is { } from
                    && !_related.TryGetValue(new DependencyFrom(dependency, from), out related!))
                {
                    var parent = ParentKey.Of(dependency, projection) is { } parentKey
                        ? await parentKey.ReadParentAsync(from, projection.Name, resolver, ByKey(projection.Name), cancellationToken).ConfigureAwait(false)
                        : null;
                    if (parent is not null)
                    {
                        related = LiveOnly(parent);
                    }
                    else
                    {
                        // No key path, or a miss: the store files a record under its source key, which a cast may have
                        // reformatted (a date, "007" read as 7), so only the query by value is sure to find nothing.
                        var filter = ConditionFilters.Forward(condition, from);
                        related = filter is null ? [] : await FindPublicAsync(projection, filter).ConfigureAwait(false);
                    }

                    _related[new DependencyFrom(dependency, from)] = related;
                }

                scope.Bind(dependency.Alias, dependency.Projection!, dependency.IsMany
                    ? new Value(null, related)
                    : new Value(related.Count > 0 ? related[0] : null, null));
            }

            return true;
        }

        /// <summary>Writes <paramref name="mapping"/> as an object, property by property in declaration order.</summary>
        public async ValueTask MapAsync(AggregationConfig config, MappingObject mapping, Scope scope)
        {
            writer.WriteStartObject();
            var mapped = mapping.Properties;
            for (var i = 0; i < mapped.Count; i++)
            {
                var (name, node) = mapped[i];
                writer.WritePropertyName(name);
                await WriteValueAsync(config, node, scope).ConfigureAwait(false);
            }

            writer.WriteEndObject();
        }

        private async ValueTask WriteValueAsync(AggregationConfig config, MappingNode node, Scope scope)
        {
            switch (node)
            {
                case MappingObject nested:
                    await MapAsync(config, nested, scope).ConfigureAwait(false);
                    return;
                case MappingConstant constant:
                    constant.Value.WriteTo(writer);
                    return;
                case MappingField field:
                    WriteNode(FieldValue(field, scope));
                    return;
                case MappingFunction function:
                    WriteNode(function.Function(new AggregationFunctionContext(singleView.Name, key, config.Name, scope.Snapshot())));
                    return;
                case MappingConfig configRef:
                    {
                        var nested = NestedConfig(config, configRef.Alias);
                        if (nested.JoinDependency is null)
                        {
                            var child = new Scope(scope);
                            await ResolveAsync(nested, child).ConfigureAwait(false);
                            await MapAsync(nested, nested.Mapping, child).ConfigureAwait(false);
                            return;
                        }

                        Value joined;
                        string joinedProjection;
                        if (nested.OwnsJoinDependency)
                        {
                            // Resolve the join dependency alone, from the referencing scope, then iterate it.
                            var joinScope = new Scope(scope);
                            await ResolveAsync(nested, joinScope, onlyFirst: true).ConfigureAwait(false);
                            if (!joinScope.TryGet(nested.JoinDependency, out joined, out joinedProjection))
                            {
                                writer.WriteNullValue();
                                return;
                            }
                        }
                        else if (!scope.TryGet(nested.JoinDependency, out joined, out joinedProjection))
                        {
                            writer.WriteNullValue();
                            return;
                        }

                        if (joined.Many is { } many)
                        {
                            await PrefetchAsync(nested, many).ConfigureAwait(false);
                            writer.WriteStartArray();

                            // One scope for the whole array, cleared for each record: nothing keeps a scope once its
                            // record is written, and a product's single view joins hundreds of records.
                            var child = new Scope(scope, nested.Dependencies.Count + 1);
                            foreach (var record in many)
                            {
                                child.Clear();
                                await MapJoinedAsync(nested, child, joinedProjection, record).ConfigureAwait(false);
                            }

                            writer.WriteEndArray();
                        }
                        else if (joined.Single is { } single)
                        {
                            await MapJoinedAsync(nested, new Scope(scope, nested.Dependencies.Count + 1), joinedProjection, single).ConfigureAwait(false);
                        }
                        else
                        {
                            writer.WriteNullValue();
                        }

                        return;
                    }

                default:
                    throw new InvalidOperationException($"Unknown mapping node {node.GetType().Name}.");
            }
        }

        /// <summary>The value a field mapping points at inside its record, in place (null when any step is missing).</summary>
        private static JsonNode? FieldValue(MappingField field, Scope scope)
        {
            if (!scope.TryGet(field.Alias, out var value) || value.Single is not { } record)
            {
                return null;
            }

            JsonNode? current = record;
            var path = field.Path;
            for (var i = 0; i < path.Count; i++)
            {
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(path[i], out current))
                {
                    return null;
                }
            }

            return current;
        }

        private void WriteNode(JsonNode? node)
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        /// <summary>The config a mapping names. A loop, not a lambda: a lambda capturing the alias would allocate its
        /// closure on every evaluation of every mapping node, whatever the node's kind.</summary>
        private static AggregationConfig NestedConfig(AggregationConfig config, string alias)
        {
            var dependencies = config.Dependencies;
            for (var i = 0; i < dependencies.Count; i++)
            {
                var dependency = dependencies[i];
                if (dependency.Type == DependencyType.Config && dependency.Alias == alias)
                {
                    return dependency.Config!;
                }
            }

            throw new InvalidOperationException($"Config '{config.Name}' has no config dependency '{alias}'.");
        }

        /// <param name="child">An empty scope nested in the referencing one.</param>
        private async ValueTask MapJoinedAsync(AggregationConfig nested, Scope child, string projection, JsonObject record)
        {
            child.Bind(nested.JoinDependency!, projection, new Value(record, null));
            await ResolveAsync(nested, child).ConfigureAwait(false);
            await MapAsync(nested, nested.Mapping, child).ConfigureAwait(false);
        }

        private async ValueTask<JsonObject?> GetBaseAsync(ProjectionDefinition projection)
        {
            var keyFields = singleView.KeyFields.Select(k => k.ProjectionField).ToArray();
            if (singleView.BaseDependency.IdentifierQueryMapping is not null)
            {
                return await FindByIdentifierAsync(singleView.BaseDependency, projection).ConfigureAwait(false);
            }

            if (keyFields.SequenceEqual(projection.PrimaryKey))
            {
                var canonical = RecordKey.Format([.. keyFields.Select(f => identifier[f])]);
                var record = await resolver.GetAsync(projection.Name, canonical, cancellationToken).ConfigureAwait(false);
                if (record is not null && keyFields.All(f => JsonScalars.ValueEquals(identifier[f], record[f])))
                {
                    return RecordStates.IsPublic(record) ? record : null;
                }

                // A miss: the store files a record under its source key, which a cast may have reformatted.
            }

            var filter = new AndFilter([.. keyFields.Select(f => RecordFilter.Eq(f, identifier[f]))]);
            var found = await FindPublicAsync(projection, filter).ConfigureAwait(false);
            return found.Count > 0 ? found[0] : null;
        }

        private async ValueTask<JsonObject?> FindByIdentifierAsync(AggregationDependency dependency, ProjectionDefinition projection)
        {
            var filters = new List<RecordFilter>();
            foreach (var (projectionField, identifierField) in dependency.IdentifierQuery(singleView.KeyFields))
            {
                filters.Add(RecordFilter.Eq(projectionField, identifier[identifierField]?.DeepClone()));
            }

            var found = await FindPublicAsync(projection, new AndFilter([.. filters])).ConfigureAwait(false);
            return found.Count > 0 ? found[0] : null;
        }

        /// <summary>
        /// Before a config is mapped once per joined record, reads what its dependencies chained directly from the
        /// joined records need in one query per batch (instead of one per record) and files each record's share
        /// under the filter the per-record resolution will ask for.
        /// </summary>
        private async ValueTask PrefetchAsync(AggregationConfig nested, IReadOnlyList<JsonObject> joinedRecords)
        {
            if (joinedRecords.Count < 2)
            {
                return;
            }

            // Each candidate dependency files one entry per joined record. Grown geometrically: a customer's view prefetches
            // once per order, and growing to the exact need each time would copy the whole table per order.
            var needed = _related.Count + joinedRecords.Count;
            if (needed > _relatedCapacity)
            {
                _relatedCapacity = _related.EnsureCapacity(Math.Max(needed, 2 * _relatedCapacity));
            }

            // The config's own dependencies, and the join dependencies of the configs it nests (resolved from
            // the joined record too), may start from the joined record.
            foreach (var dependency in PrefetchCandidates(nested))
            {
                if (dependency.Condition is not { } condition || dependency.SourceAlias != nested.JoinDependency)
                {
                    continue;
                }

                var projection = singleView.Projections[dependency.Projection!];
                var unresolved = ParentKey.Of(dependency, projection) is { } parentKey
                    ? await PrefetchByKeyAsync(dependency, projection, parentKey, joinedRecords).ConfigureAwait(false)
                    : joinedRecords;
                var pending = new Dictionary<string, RecordFilter>(StringComparer.Ordinal);
                var recordFilters = new List<(JsonObject Record, string? Filter)>(unresolved.Count);
                foreach (var record in unresolved)
                {
                    var filter = ConditionFilters.Forward(condition, record);
                    var text = filter?.ToString();
                    recordFilters.Add((record, text));
                    if (filter is not null && !_findCache.ContainsKey((projection.Name, text!)))
                    {
                        pending.TryAdd(text!, filter);
                    }
                }

                if (pending.Count < 2)
                {
                    continue;
                }

                foreach (var batch in pending.Chunk(MaxFiltersPerQuery))
                {
                    var found = await resolver.FindAsync(projection.Name, new OrFilter([.. batch.Select(b => b.Value)]), cancellationToken).ConfigureAwait(false);
                    Distribute(projection.Name, batch, SortByKey(found.Where(RecordStates.IsPublic), projection));
                }

                // The per-record resolution then finds its share without building its filter again.
                foreach (var (record, text) in recordFilters)
                {
                    _related[new DependencyFrom(dependency, record)] = text is null ? [] : _findCache[(projection.Name, text)];
                }
            }
        }

        /// <summary>The config's own projection dependencies (its join dependency aside), then the join dependencies
        /// of the configs it nests, in that order; worked out once per config.</summary>
        private static AggregationDependency[] PrefetchCandidates(AggregationConfig nested) =>
            CandidatesByConfig.GetValue(nested, FindPrefetchCandidates);

        private static AggregationDependency[] FindPrefetchCandidates(AggregationConfig nested) =>
        [
            .. nested.Dependencies.Where(d => d.Type == DependencyType.Projection && d.Alias != nested.JoinDependency),
            .. nested.Dependencies.Where(d => d.Config is { OwnsJoinDependency: true }).Select(d => d.Config!.Dependencies[0]),
        ];

        /// <summary>Reads the parents the joined records point at by key, in one batch, and files each record's parent;
        /// returns the records whose parent the key did not find (they are queried by value).</summary>
        private async ValueTask<IReadOnlyList<JsonObject>> PrefetchByKeyAsync(AggregationDependency dependency, ProjectionDefinition projection,
            ParentKey parentKey, IReadOnlyList<JsonObject> joinedRecords)
        {
            var parents = await parentKey.ReadParentsAsync(joinedRecords, projection.Name, resolver, ByKey(projection.Name), cancellationToken).ConfigureAwait(false);
            List<JsonObject>? unresolved = null;
            for (var i = 0; i < parents.Length; i++)
            {
                if (parents[i] is { } parent)
                {
                    _related[new DependencyFrom(dependency, joinedRecords[i])] = LiveOnly(parent);
                }
                else
                {
                    (unresolved ??= []).Add(joinedRecords[i]);
                }
            }

            return unresolved ?? (IReadOnlyList<JsonObject>)[];
        }

        /// <summary>Files under each filter (its text, already formatted, and itself) the records it matches, grouping the
        /// records once per filter shape.</summary>
        private void Distribute(string projection, KeyValuePair<string, RecordFilter>[] filters, List<JsonObject> live)
        {
            var groupsByShape = new Dictionary<string, Dictionary<string, List<JsonObject>>>(StringComparer.Ordinal);
            foreach (var (text, filter) in filters)
            {
                IReadOnlyList<JsonObject> share;
                if (EqualityShape.TryOf(filter, out var shape, out var key))
                {
                    if (!groupsByShape.TryGetValue(shape!.Name, out var groups))
                    {
                        groups = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
                        foreach (var record in live)
                        {
                            var recordKey = shape.KeyOf(record);
                            if (!groups.TryGetValue(recordKey, out var group))
                            {
                                group = [];
                                groups[recordKey] = group;
                            }

                            group.Add(record);
                        }

                        groupsByShape[shape.Name] = groups;
                    }

                    share = groups.TryGetValue(key, out var matched) ? matched : [];
                }
                else
                {
                    share = live.Where(filter.Matches).ToList();
                }

                _findCache[(projection, text)] = share;
            }
        }

        /// <summary>A parent read by key, as a dependency's records: only a live record is ever bound.</summary>
        private static IReadOnlyList<JsonObject> LiveOnly(JsonObject parent) => RecordStates.IsPublic(parent) ? [parent] : [];

        private Dictionary<string, JsonObject?> ByKey(string projection)
        {
            if (!_byKey.TryGetValue(projection, out var records))
            {
                _byKey[projection] = records = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
            }

            return records;
        }

        private async ValueTask<IReadOnlyList<JsonObject>> FindPublicAsync(ProjectionDefinition projection, RecordFilter filter)
        {
            var cacheKey = (projection.Name, filter.ToString());
            if (_findCache.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }

            var found = await resolver.FindAsync(projection.Name, filter, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<JsonObject> result = SortByKey(found.Where(RecordStates.IsPublic), projection);
            _findCache[cacheKey] = result;
            return result;
        }
    }

    private readonly record struct Value(JsonObject? Single, IReadOnlyList<JsonObject>? Many);

    /// <summary>A dependency and the record it is resolved from, both by reference: records are never mutated while an
    /// aggregation reads them, and reference hashing costs nothing next to hashing a record's content.</summary>
    private readonly struct DependencyFrom(AggregationDependency dependency, JsonObject from) : IEquatable<DependencyFrom>
    {
        public bool Equals(DependencyFrom other) => ReferenceEquals(dependency, other.Dependency) && ReferenceEquals(from, other.From);

        public override bool Equals(object? obj) => obj is DependencyFrom other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(dependency), RuntimeHelpers.GetHashCode(from));

        private AggregationDependency Dependency => dependency;

        private JsonObject From => from;
    }

    /// <summary>The dependencies bound while a configuration is evaluated; a nested config sees its parent's.</summary>
    /// <param name="capacity">How many bindings the scope will hold (its config's dependencies): one array of the
    /// right size instead of growing a list, for a scope made per joined record.</param>
    private sealed class Scope(Scope? parent, int capacity = 4)
    {
        private readonly List<(string Alias, string Projection, Value Value)> _entries = new(capacity);

        public void Bind(string alias, string projection, Value value) => _entries.Add((alias, projection, value));

        public void Clear() => _entries.Clear();

        public bool TryGet(string alias, out Value value) => TryGet(alias, out value, out _);

        /// <summary>A loop, not <c>List.Exists</c>: a predicate capturing the alias would allocate on every call, and
        /// this runs once per joined record.</summary>
        public bool IsBoundHere(string alias)
        {
            foreach (var entry in _entries)
            {
                if (entry.Alias == alias)
                {
                    return true;
                }
            }

            return false;
        }

        public bool TryGet(string alias, out Value value, out string projection)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                for (var i = scope._entries.Count - 1; i >= 0; i--)
                {
                    if (scope._entries[i].Alias == alias)
                    {
                        (_, projection, value) = scope._entries[i];
                        return true;
                    }
                }
            }

            value = default;
            projection = string.Empty;
            return false;
        }

        public Scope? Parent => parent;

        /// <summary>Same rule as validation (<see cref="ScopeEntry.FindSource{T}"/>), walked in place: with
        /// <paramref name="useAlias"/> the innermost binding of that alias; without, scope by scope from the innermost,
        /// the binding named as the projection, else the latest binding of that projection. Resolved once per joined
        /// record, so it allocates nothing.</summary>
        public Value? FindSource(string projection, string? useAlias)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                Value? latest = null;
                for (var i = scope._entries.Count - 1; i >= 0; i--)
                {
                    var (alias, entryProjection, value) = scope._entries[i];
                    if (useAlias is not null)
                    {
                        if (alias == useAlias)
                        {
                            return entryProjection == projection ? value : null;
                        }

                        continue;
                    }

                    if (entryProjection != projection)
                    {
                        continue;
                    }

                    if (alias == projection)
                    {
                        return value;
                    }

                    latest ??= value;
                }

                if (latest is not null)
                {
                    return latest;
                }
            }

            return null;
        }

        public IReadOnlyDictionary<string, JsonNode?> Snapshot()
        {
            var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                for (var i = scope._entries.Count - 1; i >= 0; i--)
                {
                    var (alias, _, value) = scope._entries[i];
                    if (result.ContainsKey(alias))
                    {
                        continue;
                    }

                    result[alias] = value.Many is { } many
                        ? new JsonArray([.. many.Select(r => (JsonNode?)r.DeepClone())])
                        : value.Single?.DeepClone();
                }
            }

            return result;
        }
    }
}
