using System.Diagnostics.CodeAnalysis;
using FastData.Model.Configuration;
using Orleans.Streams;

namespace FastData.Grains.Streams;

/// <summary>Resolves <see cref="ProjectionNamespacePredicate.Pattern"/> to the projection names of the model.</summary>
public sealed class ProjectionNamespacePredicateProvider(FastDataModel model) : IStreamNamespacePredicateProvider
{
    private readonly ProjectionNamespacePredicate _predicate = new(model.Projections.Keys.ToHashSet(StringComparer.Ordinal));

    public bool TryGetPredicate(string predicatePattern, [MaybeNullWhen(false)] out IStreamNamespacePredicate predicate)
    {
        if (string.Equals(predicatePattern, ProjectionNamespacePredicate.Pattern, StringComparison.Ordinal))
        {
            predicate = _predicate;
            return true;
        }

        predicate = null;
        return false;
    }
}
