namespace FastData.Model.Configuration;

/// <summary>The <c>type</c> of an aggregation dependency.</summary>
public enum DependencyType
{
    /// <summary>Records of a projection.</summary>
    Projection,
    /// <summary>Another configuration of the same aggregation (a nested object or, with joinDependency, an array).</summary>
    Config,
}
