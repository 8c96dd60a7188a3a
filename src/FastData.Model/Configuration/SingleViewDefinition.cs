using FastData.Model.Aggregation;

namespace FastData.Model.Configuration;

/// <summary>A single view: its aggregation, its key and the projection it is built around.</summary>
public sealed class SingleViewDefinition
{
    internal SingleViewDefinition(string name, AggregationDefinition aggregation, IReadOnlyList<SingleViewKeyField> keyFields,
        ProjectionDefinition baseProjection, AggregationDependency baseDependency, ErSchema erSchema,
        IReadOnlyDictionary<string, ProjectionDefinition> projections, string? validatorName, SingleViewValidator? validator)
    {
        Name = name;
        Aggregation = aggregation;
        KeyFields = keyFields;
        BaseProjection = baseProjection;
        BaseDependency = baseDependency;
        ErSchema = erSchema;
        Projections = projections;
        ValidatorName = validatorName;
        Validator = validator;
    }

    /// <summary>The single-view name (its folder name; also its MongoDB collection).</summary>
    public string Name { get; }

    /// <summary>The aggregation.</summary>
    public AggregationDefinition Aggregation { get; }

    /// <summary>The key mapping in declaration order: the canonical single-view key has one part per entry.</summary>
    public IReadOnlyList<SingleViewKeyField> KeyFields { get; }

    /// <summary>The projection read by the first <c>_identifier</c> dependency of <c>SV_CONFIG</c>.</summary>
    public ProjectionDefinition BaseProjection { get; }

    /// <summary>The <c>_identifier</c> dependency that reads the base projection.</summary>
    public AggregationDependency BaseDependency { get; }

    /// <summary>The ER schema the aggregation's conditions come from (the single view's own, else the folder's).</summary>
    public ErSchema ErSchema { get; }

    /// <summary>Every projection of the model, by name.</summary>
    public IReadOnlyDictionary<string, ProjectionDefinition> Projections { get; }

    /// <summary>The validator name from <c>singleView.json</c>, if any.</summary>
    public string? ValidatorName { get; }

    /// <summary>The resolved validator, if any.</summary>
    public SingleViewValidator? Validator { get; }
}
