using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Host.Queries;

/// <summary>
/// List and count reads on the MongoDB collections the record store writes (one per projection and single view,
/// <c>_id</c> = canonical key). Runs the translator's documents as they are, adding <c>__STATE__: PUBLIC</c> for
/// projections; storage metadata (<c>__</c> fields) is removed from the answers.
/// </summary>
public sealed class MongoReadModelQueries(IMongoDatabase database) : IReadModelQueries
{
    public async Task<ReadModelResult> FindAsync(ReadModelTarget target, TranslatedReadModelQuery query, CancellationToken cancellationToken)
    {
        var find = Collection(target).Find(Filter(target, query.Filter))
            .Sort(query.Sort ?? new BsonDocument("_id", 1))
            .Skip(query.Skip)
            .Limit(query.Limit);
        if (query.Projection is not null)
        {
            find = find.Project<BsonDocument>(query.Projection);
        }

        var items = await find.ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ReadModelResult([.. items.Select(ReadModelDocuments.ToJson)], query.Limit, query.Skip);
    }

    public Task<long> CountAsync(ReadModelTarget target, BsonDocument filter, CancellationToken cancellationToken) =>
        Collection(target).CountDocumentsAsync(Filter(target, filter), cancellationToken: cancellationToken);

    private IMongoCollection<BsonDocument> Collection(ReadModelTarget target) => database.GetCollection<BsonDocument>(target.Collection);

    private static BsonDocument Filter(ReadModelTarget target, BsonDocument filter)
    {
        // Tombstones written instead of deletes carry __cleared; soft-deleted projection records are not PUBLIC.
        var clauses = new BsonArray { new BsonDocument("__cleared", new BsonDocument("$exists", false)) };
        if (target.OnlyPublic)
        {
            clauses.Add(new BsonDocument("__STATE__", "PUBLIC"));
        }

        if (filter.ElementCount > 0)
        {
            clauses.Add(filter);
        }

        return new BsonDocument("$and", clauses);
    }
}
