namespace FastData.Model.Configuration;

/// <summary>One configuration of an aggregation (<c>SV_CONFIG</c> or a nested one).</summary>
public sealed class AggregationConfig
{
    internal AggregationConfig(string name) => Name = name;

    /// <summary>The configuration name (<c>SV_CONFIG</c> for the root).</summary>
    public string Name { get; }

    /// <summary>The dependency of the referencing configuration this one iterates over, if any.</summary>
    public string? JoinDependency { get; internal set; }

    /// <summary>The dependencies in declaration order (they are resolved in this order).</summary>
    public IReadOnlyList<AggregationDependency> Dependencies { get; internal set; } = [];

    /// <summary>The mapping: the shape of the produced object.</summary>
    public MappingObject Mapping { get; internal set; } = new([]);
}
