using FastData.Model.Configuration;
using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Host.Queries;

/// <summary>
/// The queryable shape of every projection and single view, derived from the configuration: a projection's
/// declared fields with their types; a single view's top-level mapping fields, typed by the projection field they
/// read (nested objects and config results are Object/Array, whose sub-paths are queryable untyped); both with
/// <c>createdAt</c>/<c>updatedAt</c> as dates and <c>_id</c> (the canonical key).
/// </summary>
public sealed class ReadModelTargets
{
    private static readonly string[] Timestamps = ["createdAt", "updatedAt"];

    private readonly Dictionary<string, ReadModelTarget> _projections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadModelTarget> _singleViews = new(StringComparer.Ordinal);

    public ReadModelTargets(FastDataModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var projection in model.Projections.Values)
        {
            var fields = projection.Fields.Values.ToDictionary(f => f.Name, f => ToQueryType(f.Type), StringComparer.Ordinal);
            var dates = projection.Fields.Values.Where(f => f.Type == FieldType.Date).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            _projections[projection.Name] = Create("projection", projection.Name, fields, dates, onlyPublic: true);
        }

        foreach (var singleView in model.SingleViews.Values)
        {
            var fields = new Dictionary<string, ReadModelFieldType>(StringComparer.Ordinal);
            var dates = new HashSet<string>(StringComparer.Ordinal);
            var aliases = singleView.Aggregation.Configs.Values.SelectMany(c => c.Dependencies)
                .Where(d => d.Type == DependencyType.Projection && d.Projection is not null)
                .GroupBy(d => d.Alias, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Projection!, StringComparer.Ordinal);
            foreach (var (name, node) in singleView.Aggregation.Root.Mapping.Properties)
            {
                var type = TypeOf(node, aliases, singleView.Aggregation, model);
                fields[name] = type;
                if (type == ReadModelFieldType.Date)
                {
                    dates.Add(name);
                }
            }

            _singleViews[singleView.Name] = Create("single view", singleView.Name, fields, dates, onlyPublic: false);
        }
    }

    public bool TryGetProjection(string name, out ReadModelTarget target) => _projections.TryGetValue(name, out target!);

    public bool TryGetSingleView(string name, out ReadModelTarget target) => _singleViews.TryGetValue(name, out target!);

    private static ReadModelTarget Create(string kind, string name, Dictionary<string, ReadModelFieldType> fields, HashSet<string> dates, bool onlyPublic)
    {
        foreach (var timestamp in Timestamps)
        {
            fields.TryAdd(timestamp, ReadModelFieldType.Date);
            dates.Add(timestamp);
        }

        return new ReadModelTarget(kind, name, new ReadModelSchema(fields), dates, onlyPublic);
    }

    private static ReadModelFieldType TypeOf(MappingNode node, Dictionary<string, string> aliases, AggregationDefinition aggregation, FastDataModel model) => node switch
    {
        MappingField field when field.Path.Count == 1
            && aliases.TryGetValue(field.Alias, out var projection)
            && model.Projections.TryGetValue(projection, out var definition)
            && definition.Fields.TryGetValue(field.Path[0], out var source) => ToQueryType(source.Type),
        MappingObject => ReadModelFieldType.Object,
        MappingConfig config when aggregation.Configs.TryGetValue(config.Alias, out var nested) => IsList(nested, aggregation) ? ReadModelFieldType.Array : ReadModelFieldType.Object,
        MappingConfig => ReadModelFieldType.Object,
        MappingConstant constant => constant.Value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => ReadModelFieldType.String,
            System.Text.Json.JsonValueKind.Number => ReadModelFieldType.Number,
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => ReadModelFieldType.Boolean,
            _ => ReadModelFieldType.Any,
        },
        _ => ReadModelFieldType.Any,
    };

    /// <summary>A config joined over a one-to-many dependency gives an array; a single-valued join gives an object.</summary>
    private static bool IsList(AggregationConfig config, AggregationDefinition aggregation)
    {
        if (config.JoinDependency is not { } join)
        {
            return false;
        }

        var dependency = aggregation.Configs.Values.SelectMany(c => c.Dependencies).FirstOrDefault(d => d.Alias == join);
        return dependency?.IsMany ?? true;
    }

    private static ReadModelFieldType ToQueryType(FieldType type) => type switch
    {
        FieldType.String => ReadModelFieldType.String,
        FieldType.Integer => ReadModelFieldType.Integer,
        FieldType.Number => ReadModelFieldType.Number,
        FieldType.Boolean => ReadModelFieldType.Boolean,
        FieldType.Date => ReadModelFieldType.Date,
        FieldType.Object => ReadModelFieldType.Object,
        FieldType.Array => ReadModelFieldType.Array,
        _ => ReadModelFieldType.Any,
    };
}
