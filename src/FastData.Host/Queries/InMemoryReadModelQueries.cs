using FastData.Grains.Storage;
using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;

namespace FastData.Host.Queries;

/// <summary>
/// List and count reads of the default run: every record of the collection is read from the
/// <see cref="IRecordStore"/> and matched with <see cref="BsonFilterEvaluator"/>. A scan per query, fine for the
/// data a single in-memory host holds; MongoDB deployments use <see cref="MongoReadModelQueries"/>.
/// </summary>
public sealed class InMemoryReadModelQueries(IRecordStore store) : IReadModelQueries
{
    public async Task<ReadModelResult> FindAsync(ReadModelTarget target, TranslatedReadModelQuery query, CancellationToken cancellationToken)
    {
        var matches = await MatchAsync(target, query.Filter, cancellationToken);
        var sort = query.Sort ?? new BsonDocument("_id", 1);
        if (!sort.Contains("_id"))
        {
            // A stable order for equal sort keys, so that pages do not overlap.
            sort = new BsonDocument(sort) { { "_id", 1 } };
        }

        matches.Sort((a, b) => BsonFilterEvaluator.Compare(a, b, sort));
        var page = matches.Skip(query.Skip).Take(query.Limit)
            .Select(d => query.Projection is null ? d : BsonFilterEvaluator.Project(d, query.Projection))
            .Select(ReadModelDocuments.ToJson)
            .ToList();
        return new ReadModelResult(page, query.Limit, query.Skip);
    }

    public async Task<long> CountAsync(ReadModelTarget target, BsonDocument filter, CancellationToken cancellationToken) =>
        (await MatchAsync(target, filter, cancellationToken)).Count;

    private async Task<List<BsonDocument>> MatchAsync(ReadModelTarget target, BsonDocument filter, CancellationToken cancellationToken)
    {
        var matches = new List<BsonDocument>();
        await foreach (var key in store.KeysAsync(target.Collection, cancellationToken))
        {
            var stored = await store.ReadAsync(target.Collection, key, cancellationToken);
            if (stored is null || (target.OnlyPublic && !ReadModelDocuments.IsPublic(stored.Document)))
            {
                continue;
            }

            var document = ReadModelDocuments.ToBson(key, stored.Document, target);
            if (BsonFilterEvaluator.Matches(document, filter))
            {
                matches.Add(document);
            }
        }

        return matches;
    }
}
