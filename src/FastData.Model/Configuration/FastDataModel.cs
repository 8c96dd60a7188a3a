using FastData.Model.Strategies;

namespace FastData.Model.Configuration;

/// <summary>A loaded, valid configuration: projections, the ER schema, single views and their strategies.</summary>
public sealed class FastDataModel
{
    private readonly Dictionary<string, ProjectionDefinition> _byTopic;

    internal FastDataModel(IReadOnlyDictionary<string, ProjectionDefinition> projections, ErSchema erSchema,
        IReadOnlyDictionary<string, SingleViewDefinition> singleViews, ProjectionChangesSchema? projectionChanges)
    {
        Projections = projections;
        ErSchema = erSchema;
        SingleViews = singleViews;
        _byTopic = projections.Values.ToDictionary(p => p.Topic, StringComparer.Ordinal);
        Reads = new SingleViewReads(this);
        Strategies = new SingleViewStrategies(this, projectionChanges);
        QueryIndexes = QueryIndex.Derive(this);
    }

    /// <summary>Projections by name.</summary>
    public IReadOnlyDictionary<string, ProjectionDefinition> Projections { get; }

    /// <summary>The folder's ER schema (single views may carry their own, see <see cref="SingleViewDefinition.ErSchema"/>).</summary>
    public ErSchema ErSchema { get; }

    /// <summary>Single views by name.</summary>
    public IReadOnlyDictionary<string, SingleViewDefinition> SingleViews { get; }

    /// <summary>The projection fields each single view reads: a change that keeps them cannot change the single view.</summary>
    public SingleViewReads Reads { get; }

    /// <summary>Which single views a projection change affects.</summary>
    public SingleViewStrategies Strategies { get; }

    /// <summary>The (projection, fields) equality lookups that aggregation and strategies perform: create an index for each.</summary>
    public IReadOnlyList<QueryIndex> QueryIndexes { get; }

    /// <summary>Finds the projection ingested from a topic.</summary>
    public bool TryGetProjectionByTopic(string topic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProjectionDefinition? projection) =>
        _byTopic.TryGetValue(topic, out projection);
}
