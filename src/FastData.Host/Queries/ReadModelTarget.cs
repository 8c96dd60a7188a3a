using FastData.Orleans.Persistence.MongoDB;

namespace FastData.Host.Queries;

/// <summary>What a list or count reads: a projection or single-view collection, what may be queried in it, and
/// which fields hold dates.</summary>
/// <param name="Kind">"projection" or "single view", for messages.</param>
/// <param name="Collection">The collection (the projection or single-view name).</param>
/// <param name="Schema">The queryable fields and their types.</param>
/// <param name="DateFields">Top-level fields stored as ISO date strings in memory (BSON dates in MongoDB).</param>
/// <param name="OnlyPublic">True for projections: records whose <c>__STATE__</c> is not PUBLIC are never listed.</param>
public sealed record ReadModelTarget(string Kind, string Collection, ReadModelSchema Schema, IReadOnlySet<string> DateFields, bool OnlyPublic);
