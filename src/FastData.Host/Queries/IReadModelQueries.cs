using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;

namespace FastData.Host.Queries;

/// <summary>
/// Runs list and count reads that <see cref="ReadModelQueryTranslator"/> has already validated: MongoDB runs the
/// translated documents itself (<see cref="MongoReadModelQueries"/>), the default run evaluates them over the
/// in-memory records (<see cref="InMemoryReadModelQueries"/>) with the same semantics.
/// </summary>
public interface IReadModelQueries
{
    /// <summary>One page of the matching documents, sorted, projected.</summary>
    Task<ReadModelResult> FindAsync(ReadModelTarget target, TranslatedReadModelQuery query, CancellationToken cancellationToken);

    /// <summary>How many documents match <paramref name="filter"/>.</summary>
    Task<long> CountAsync(ReadModelTarget target, BsonDocument filter, CancellationToken cancellationToken);
}
