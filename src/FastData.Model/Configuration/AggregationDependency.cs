namespace FastData.Model.Configuration;

/// <summary>One entry of a configuration's <c>dependencies</c>.</summary>
public sealed class AggregationDependency
{
    internal AggregationDependency(string alias, DependencyType type)
    {
        Alias = alias;
        Type = type;
    }

    /// <summary>The dependency name used in mappings (the projection name, or an alias with <see cref="AliasOf"/>).</summary>
    public string Alias { get; }

    /// <summary>Projection or config.</summary>
    public DependencyType Type { get; }

    /// <summary>For projections: the projection read (<c>aliasOf</c> when set, else the alias).</summary>
    public string? Projection { get; internal set; }

    /// <summary>The <c>aliasOf</c> value, if any.</summary>
    public string? AliasOf { get; internal set; }

    /// <summary>The raw <c>on</c> value: <c>_identifier</c> or an ER condition name.</summary>
    public string? On { get; internal set; }

    /// <summary>True when <c>on</c> is <c>_identifier</c>.</summary>
    public bool IsIdentifier => On == AggregationDefinition.IdentifierOn;

    /// <summary>The resolved ER condition when <c>on</c> names one.</summary>
    public ErCondition? Condition { get; internal set; }

    /// <summary>The <c>useAlias</c> value: the already-resolved dependency the condition starts from.</summary>
    public string? UseAlias { get; internal set; }

    /// <summary>For <c>_identifier</c> dependencies: projection field -> identifier field (<c>identifierQueryMapping</c>).</summary>
    public IReadOnlyDictionary<string, string>? IdentifierQueryMapping { get; internal set; }

    /// <summary>For condition dependencies: the alias in scope whose record the condition starts from (resolved at load).</summary>
    public string? SourceAlias { get; internal set; }

    /// <summary>True when the dependency resolves to a list (a one-to-many condition).</summary>
    public bool IsMany { get; internal set; }

    /// <summary>
    /// For <c>_identifier</c> dependencies, the equality query on the projection: with identifierQueryMapping
    /// exactly its entries (Fast Data: it renames and may reduce the fields queried), else every identifier
    /// field under its own name.
    /// </summary>
    public IReadOnlyList<(string ProjectionField, string IdentifierField)> IdentifierQuery(IReadOnlyList<SingleViewKeyField> keyFields)
    {
        ArgumentNullException.ThrowIfNull(keyFields);
        return IdentifierQueryMapping is { } mapping
            ? mapping.Select(kv => (kv.Key, kv.Value)).ToArray()
            : keyFields.Select(k => (k.ProjectionField, k.ProjectionField)).ToArray();
    }

    /// <summary>Set while loading when the dependency itself is in error, so that its uses report nothing more.</summary>
    internal bool IsBroken { get; set; }

    /// <summary>For config dependencies: the referenced configuration.</summary>
    public AggregationConfig? Config { get; internal set; }
}
