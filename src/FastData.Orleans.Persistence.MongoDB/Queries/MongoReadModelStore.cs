using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Read-model queries for the API: get by key, list and count with validated filters. Every query is checked by
/// <see cref="ReadModelQueryTranslator"/> first, so rejected input never reaches MongoDB.
/// </summary>
public sealed class MongoReadModelStore
{
    private readonly IMongoDatabase _database;
    private readonly ReadModelQueryLimits _limits;

    /// <summary>Creates a store over <paramref name="database"/>.</summary>
    public MongoReadModelStore(IMongoDatabase database, ReadModelQueryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _limits = limits ?? new ReadModelQueryLimits();
    }

    /// <summary>Returns the document whose <c>_id</c> is <paramref name="key"/>, or null; <paramref name="fields"/> restricts the fields returned.</summary>
    public async Task<BsonDocument?> GetByKeyAsync(string collectionName, string key, ReadModelSchema schema, IReadOnlyList<string>? fields = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var translated = ReadModelQueryTranslator.Translate(new ReadModelQuery { Fields = fields, Limit = 1 }, schema, _limits);
        var find = Collection(collectionName).Find(new BsonDocument("_id", key)).Limit(1);
        if (translated.Projection is not null)
        {
            find = find.Project<BsonDocument>(translated.Projection);
        }

        return await find.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns one page of the documents matching <paramref name="query"/>; throws <see cref="ReadModelQueryException"/> on invalid input.</summary>
    public async Task<ReadModelPage> FindAsync(string collectionName, ReadModelSchema schema, ReadModelQuery query, CancellationToken cancellationToken = default)
    {
        var translated = ReadModelQueryTranslator.Translate(query, schema, _limits);
        var find = Collection(collectionName).Find(translated.Filter).Skip(translated.Skip).Limit(translated.Limit);
        if (translated.Sort is not null)
        {
            find = find.Sort(translated.Sort);
        }

        if (translated.Projection is not null)
        {
            find = find.Project<BsonDocument>(translated.Projection);
        }

        var items = await find.ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ReadModelPage(items, translated.Limit, translated.Skip);
    }

    /// <summary>Counts the documents matching the filter part of <paramref name="query"/> (limit, skip, sort and fields are ignored).</summary>
    public Task<long> CountAsync(string collectionName, ReadModelSchema schema, ReadModelQuery query, CancellationToken cancellationToken = default)
    {
        var filter = ReadModelQueryTranslator.TranslateFilter(query, schema, _limits);
        return Collection(collectionName).CountDocumentsAsync(filter, cancellationToken: cancellationToken);
    }

    private IMongoCollection<BsonDocument> Collection(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _database.GetCollection<BsonDocument>(name);
    }
}
