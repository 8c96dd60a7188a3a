using FastData.Model.Configuration;
using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Grains.Storage;

/// <summary>
/// The BSON type of each field of each collection the pipeline writes, derived from the model: projection fields
/// by their declared type (date → BSON date, integer → Int64, number → double, boolean, string), single-view fields
/// by the projection field their mapping reads, and <c>createdAt</c>/<c>updatedAt</c> as BSON dates everywhere.
/// Collections the model does not know are stored as their JSON says (<see cref="BsonFieldKind.Auto"/>).
/// </summary>
public sealed class MongoRecordSchema
{
    private static readonly string[] TimestampFields = ["createdAt", "updatedAt"];

    private readonly Dictionary<string, IReadOnlyDictionary<string, BsonFieldKind>> _hints;
    private readonly Dictionary<string, JsonBsonConverter> _converters;
    private readonly JsonBsonConverter _untyped = new();

    private MongoRecordSchema(Dictionary<string, IReadOnlyDictionary<string, BsonFieldKind>> hints)
    {
        _hints = hints;
        _converters = hints.ToDictionary(p => p.Key, p => new JsonBsonConverter(p.Value), StringComparer.Ordinal);
    }

    /// <summary>A schema with no hints: every collection is stored as its JSON says.</summary>
    public static MongoRecordSchema Untyped { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, BsonFieldKind>>(StringComparer.Ordinal));

    /// <summary>Derives the hints of every projection and single-view collection of <paramref name="model"/>.</summary>
    public static MongoRecordSchema FromModel(FastDataModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hints = new Dictionary<string, IReadOnlyDictionary<string, BsonFieldKind>>(StringComparer.Ordinal);
        foreach (var singleView in model.SingleViews.Values)
        {
            var fields = new Dictionary<string, BsonFieldKind?>(StringComparer.Ordinal);
            var root = singleView.Aggregation.Root;
            CollectMapping(root, root.Mapping, prefix: null, Scope(root, ImmutableScope.Empty, singleView), singleView, fields);
            hints[singleView.Name] = WithTimestamps(fields.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.Ordinal));
        }

        // A projection named like a single view would share its collection: the projection's types win.
        foreach (var projection in model.Projections.Values)
        {
            hints[projection.Name] = WithTimestamps(ProjectionHints(projection));
        }

        return new MongoRecordSchema(hints);
    }

    /// <summary>The converter for <paramref name="collection"/>.</summary>
    public JsonBsonConverter ConverterFor(string collection) => _converters.GetValueOrDefault(collection) ?? _untyped;

    /// <summary>The kind of the top-level <paramref name="field"/> of <paramref name="collection"/> (Auto when not declared).</summary>
    public BsonFieldKind KindOf(string collection, string field) =>
        _hints.TryGetValue(collection, out var fields) && fields.TryGetValue(field, out var kind) ? kind : BsonFieldKind.Auto;

    /// <summary>The hints of <paramref name="collection"/> by dotted path (empty when the model does not know it).</summary>
    public IReadOnlyDictionary<string, BsonFieldKind> HintsFor(string collection) =>
        _hints.GetValueOrDefault(collection) ?? new Dictionary<string, BsonFieldKind>();

    private static Dictionary<string, BsonFieldKind> ProjectionHints(ProjectionDefinition projection)
    {
        var fields = new Dictionary<string, BsonFieldKind>(StringComparer.Ordinal);
        foreach (var field in projection.FieldsInOrder)
        {
            if (KindOf(field.Type) is { } kind)
            {
                fields[field.Name] = kind;
            }
        }

        return fields;
    }

    private static Dictionary<string, BsonFieldKind> WithTimestamps(Dictionary<string, BsonFieldKind> fields)
    {
        foreach (var name in TimestampFields)
        {
            fields[name] = BsonFieldKind.DateTime;
        }

        return fields;
    }

    /// <summary>Object and array fields hold whatever the source sent: their members are stored as their JSON says.</summary>
    private static BsonFieldKind? KindOf(FieldType type) => type switch
    {
        FieldType.String => BsonFieldKind.String,
        FieldType.Number => BsonFieldKind.Double,
        FieldType.Integer => BsonFieldKind.Int64,
        FieldType.Boolean => BsonFieldKind.Boolean,
        FieldType.Date => BsonFieldKind.DateTime,
        _ => null,
    };

    /// <summary>The projection each alias in scope reads: a nested config also sees its parents' dependencies.</summary>
    private static ImmutableScope Scope(AggregationConfig config, ImmutableScope parent, SingleViewDefinition singleView)
    {
        var scope = parent;
        foreach (var dependency in config.Dependencies)
        {
            if (dependency.Type == DependencyType.Projection && dependency.Projection is { } name && singleView.Projections.TryGetValue(name, out var projection))
            {
                scope = scope.With(dependency.Alias, projection);
            }
        }

        return scope;
    }

    private static void CollectMapping(AggregationConfig config, MappingObject mapping, string? prefix, ImmutableScope scope, SingleViewDefinition singleView, Dictionary<string, BsonFieldKind?> fields)
    {
        foreach (var (name, node) in mapping.Properties)
        {
            var path = prefix is null ? name : $"{prefix}.{name}";
            switch (node)
            {
                case MappingObject nested:
                    CollectMapping(config, nested, path, scope, singleView, fields);
                    break;
                case MappingField { Path.Count: 1 } field when scope.TryGet(field.Alias, out var projection)
                    && projection.Fields.TryGetValue(field.Path[0], out var definition)
                    && KindOf(definition.Type) is { } kind:
                    Add(fields, path, kind);
                    break;
                case MappingConfig reference when config.Dependencies.FirstOrDefault(d => d.Alias == reference.Alias)?.Config is { } nestedConfig:
                    // A joined config's array elements share their array's path (JsonBsonConverter's convention).
                    CollectMapping(nestedConfig, nestedConfig.Mapping, path, Scope(nestedConfig, scope, singleView), singleView, fields);
                    break;
            }
        }
    }

    /// <summary>Two mappings writing different types to one path leave it untyped rather than fail one of them.</summary>
    private static void Add(Dictionary<string, BsonFieldKind?> fields, string path, BsonFieldKind kind)
    {
        if (fields.TryGetValue(path, out var existing) && existing != kind)
        {
            fields[path] = null;
            return;
        }

        fields[path] = kind;
    }

    /// <summary>An immutable alias → projection map for walking nested configs.</summary>
    private sealed class ImmutableScope
    {
        private readonly Dictionary<string, ProjectionDefinition> _aliases;

        private ImmutableScope(Dictionary<string, ProjectionDefinition> aliases) => _aliases = aliases;

        public static ImmutableScope Empty { get; } = new(new Dictionary<string, ProjectionDefinition>(StringComparer.Ordinal));

        public ImmutableScope With(string alias, ProjectionDefinition projection) =>
            new(new Dictionary<string, ProjectionDefinition>(_aliases, StringComparer.Ordinal) { [alias] = projection });

        public bool TryGet(string alias, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProjectionDefinition? projection) =>
            _aliases.TryGetValue(alias, out projection);
    }
}
