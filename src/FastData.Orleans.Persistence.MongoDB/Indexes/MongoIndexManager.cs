using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Creates declared indexes idempotently; safe to call from every silo at every start.</summary>
public sealed partial class MongoIndexManager
{
    // MongoDB error codes: IndexOptionsConflict, IndexKeySpecsConflict, and the older IndexAlreadyExists-with-other-options.
    private static readonly HashSet<int> ConflictCodes = [85, 86, 68];

    private readonly IMongoDatabase _database;
    private readonly ILogger _logger;

    /// <summary>Creates a manager for <paramref name="database"/>.</summary>
    public MongoIndexManager(IMongoDatabase database, ILogger<MongoIndexManager> logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>
    /// Creates every index of <paramref name="definitions"/> that does not exist yet (one createIndexes command per
    /// collection). Identical duplicates in the list are merged. Throws <see cref="AggregateException"/> of
    /// <see cref="MongoIndexConflictException"/> listing every index that could not be created.
    /// </summary>
    public async Task EnsureIndexesAsync(IEnumerable<MongoIndexDefinition> definitions, CancellationToken cancellationToken = default)
    {
        var errors = new List<Exception>();
        var distinct = new Dictionary<(string, string), MongoIndexDefinition>();
        foreach (var definition in definitions)
        {
            var problem = Validate(definition);
            if (problem is not null)
            {
                errors.Add(new MongoIndexConflictException(definition, problem));
                continue;
            }

            var key = (definition.CollectionName, definition.EffectiveName);
            if (distinct.TryGetValue(key, out var existing))
            {
                if (!SameIndex(existing, definition))
                {
                    errors.Add(new MongoIndexConflictException(definition, "declared twice with different fields or options"));
                }

                continue;
            }

            distinct[key] = definition;
        }

        foreach (var group in distinct.Values.GroupBy(d => d.CollectionName, StringComparer.Ordinal))
        {
            var collection = _database.GetCollection<BsonDocument>(group.Key);
            // One by one: a conflict on one index must not hide which of the others were created.
            foreach (var definition in group)
            {
                try
                {
                    await collection.Indexes.CreateOneAsync(ToModel(definition), cancellationToken: cancellationToken).ConfigureAwait(false);
                    LogDebugIndexEnsured(definition.CollectionName, definition.EffectiveName);
                }
                catch (MongoCommandException ex) when (ex.Code == 11000)
                {
                    errors.Add(new MongoIndexConflictException(definition, "existing documents violate the unique key", ex));
                }
                catch (MongoCommandException ex)
                {
                    // Usually 85/86 (an index with this name or these keys exists with other options); servers differ
                    // in the code they give, so every refusal is reported against its definition.
                    var reason = ConflictCodes.Contains(ex.Code)
                        ? $"an existing index conflicts (MongoDB code {ex.Code}); drop it or rename the declared one"
                        : $"MongoDB refused it (code {ex.Code}, {ex.CodeName})";
                    errors.Add(new MongoIndexConflictException(definition, reason, ex));
                }
            }
        }

        if (errors.Count > 0)
        {
            LogErrorIndexesFailed(errors.Count);
            throw new AggregateException($"{errors.Count} MongoDB index definition(s) could not be applied.", errors);
        }
    }

    internal static string? Validate(MongoIndexDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.CollectionName))
        {
            return "the collection name is empty";
        }

        if (definition.Fields is null || definition.Fields.Count == 0)
        {
            return "no fields are declared";
        }

        foreach (var field in definition.Fields)
        {
            if (string.IsNullOrWhiteSpace(field.Path) || field.Path.StartsWith('$') || field.Path.Split('.').Any(string.IsNullOrEmpty))
            {
                return $"field path '{field.Path}' is not a valid MongoDB field path";
            }
        }

        if (definition.Fields.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count() != definition.Fields.Count)
        {
            return "a field is listed twice";
        }

        return null;
    }

    private static bool SameIndex(MongoIndexDefinition a, MongoIndexDefinition b)
        => a.Unique == b.Unique && a.OnlyWhereFirstFieldExists == b.OnlyWhereFirstFieldExists && a.Fields.SequenceEqual(b.Fields);

    private static CreateIndexModel<BsonDocument> ToModel(MongoIndexDefinition definition)
    {
        var keys = new BsonDocument();
        foreach (var field in definition.Fields)
        {
            keys[field.Path] = field.Descending ? -1 : 1;
        }

        var options = new CreateIndexOptions<BsonDocument> { Name = definition.EffectiveName, Unique = definition.Unique };
        if (definition.OnlyWhereFirstFieldExists)
        {
            options.PartialFilterExpression = new BsonDocument(definition.Fields[0].Path, new BsonDocument("$exists", true));
        }

        return new CreateIndexModel<BsonDocument>(keys, options);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MongoDB index {IndexName} on {Collection} is in place")]
    private partial void LogDebugIndexEnsured(string collection, string indexName);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} MongoDB index definition(s) could not be applied")]
    private partial void LogErrorIndexesFailed(int count);
}
