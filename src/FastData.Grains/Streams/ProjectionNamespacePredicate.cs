using Orleans.Streams;

namespace FastData.Grains.Streams;

/// <summary>
/// Matches the stream namespaces of the projections in the loaded configuration. The attribute on the grain only
/// carries <see cref="Pattern"/>; <see cref="ProjectionNamespacePredicateProvider"/> resolves it on each silo
/// against the model, so the subscription follows the configuration without recompiling.
/// </summary>
public sealed class ProjectionNamespacePredicate : IStreamNamespacePredicate
{
    public const string Pattern = "fastdata:projections";

    private readonly IReadOnlySet<string> _namespaces;

    /// <summary>Used by the attribute only, for its pattern: it matches nothing by itself.</summary>
    public ProjectionNamespacePredicate()
        : this(new HashSet<string>())
    {
    }

    public ProjectionNamespacePredicate(IReadOnlySet<string> namespaces) => _namespaces = namespaces;

    public string PredicatePattern => Pattern;

    public bool IsMatch(string streamNamespace) => _namespaces.Contains(streamNamespace);
}
