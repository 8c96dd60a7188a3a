namespace FastData.Model.Configuration;

/// <summary>A single view's <c>aggregation.json</c> (Fast Data low-code format).</summary>
public sealed class AggregationDefinition
{
    /// <summary>The name of the root configuration.</summary>
    public const string RootConfigName = "SV_CONFIG";

    /// <summary>The <c>on</c> value that reads a projection by the single-view identifier.</summary>
    public const string IdentifierOn = "_identifier";

    internal AggregationDefinition(string version, AggregationConfig root, IReadOnlyDictionary<string, AggregationConfig> configs)
    {
        Version = version;
        Root = root;
        Configs = configs;
    }

    /// <summary>The declared version (1.0.0 to 1.3.0).</summary>
    public string Version { get; }

    /// <summary>The <c>SV_CONFIG</c> configuration.</summary>
    public AggregationConfig Root { get; }

    /// <summary>Every configuration by name, the root included.</summary>
    public IReadOnlyDictionary<string, AggregationConfig> Configs { get; }
}
