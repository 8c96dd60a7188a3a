namespace FastData.Model.Configuration;

/// <summary>One configuration of an aggregation (<c>SV_CONFIG</c> or a nested one).</summary>
public sealed class AggregationConfig
{
    internal AggregationConfig(string name) => Name = name;

    /// <summary>The configuration name (<c>SV_CONFIG</c> for the root).</summary>
    public string Name { get; }

    /// <summary>
    /// The projection dependency this configuration iterates over, if any: one of its own dependencies (the
    /// Fast Data form, resolved first, from the referencing configuration's scope) or, as an extension, a
    /// dependency of a referencing configuration.
    /// </summary>
    public string? JoinDependency { get; internal set; }

    /// <summary>True when <see cref="JoinDependency"/> is one of this configuration's own dependencies (then it is <c>Dependencies[0]</c>).</summary>
    public bool OwnsJoinDependency { get; internal set; }

    /// <summary>The dependencies in declaration order (they are resolved in this order).</summary>
    public IReadOnlyList<AggregationDependency> Dependencies { get; internal set; } = [];

    /// <summary>The mapping: the shape of the produced object.</summary>
    public MappingObject Mapping { get; internal set; } = new([]);
}
