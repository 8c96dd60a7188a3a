using FastData.Grains.Pipeline;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Grains.Storage;

/// <summary>
/// Records failed aggregations in MongoDB's <c>fastdata_sv_errors</c> collection: one document per single view and key
/// (<c>_id</c> = "name/key") with the latest error, when it was first and last seen, and how many times it failed, so
/// that the collection stays as small as the set of failing single views and operators can query it.
/// </summary>
public sealed partial class MongoAggregationErrorSink(IMongoDatabase database, ILogger<MongoAggregationErrorSink> logger) : IAggregationErrorSink
{
    /// <summary>The default errors collection.</summary>
    public const string DefaultCollectionName = "fastdata_sv_errors";

    private readonly IMongoCollection<BsonDocument> _errors = database.GetCollection<BsonDocument>(DefaultCollectionName);

    /// <inheritdoc />
    public async ValueTask RecordAsync(AggregationError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var at = new BsonDateTime(error.At.UtcDateTime);
        var update = new BsonDocument
        {
            ["$set"] = new BsonDocument { ["singleViewName"] = error.SingleViewName, ["key"] = error.Key, ["error"] = error.Error, ["lastAt"] = at },
            ["$setOnInsert"] = new BsonDocument("firstAt", at),
            ["$inc"] = new BsonDocument("count", 1L),
        };
        try
        {
            await _errors.UpdateOneAsync(new BsonDocument("_id", $"{error.SingleViewName}/{error.Key}"), update, new UpdateOptions { IsUpsert = true }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (MongoException ex)
        {
            // The error is already in the log and metrics of the single-view grain; losing its record must not fail the grain.
            LogWarningErrorNotRecorded(ex, error.SingleViewName, error.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the aggregation error of {SingleView}/{Key} in MongoDB")]
    private partial void LogWarningErrorNotRecorded(Exception exception, string singleView, string key);
}
