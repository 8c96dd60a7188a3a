using FastData.Grains.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;

namespace FastData.Host.Health;

/// <summary>Healthy when the record store's MongoDB database answers a ping (registered only when MongoDB is configured).</summary>
public sealed class MongoHealthCheck(IRecordStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store is not MongoRecordStore mongo)
        {
            return HealthCheckResult.Unhealthy("ConnectionStrings:mongodb is set but the record store is not MongoDB.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await mongo.DocumentStore.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy($"MongoDB database '{mongo.DocumentStore.Database.DatabaseNamespace.DatabaseName}' answered.");
        }
        catch (Exception e) when (e is MongoDB.Driver.MongoException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"MongoDB did not answer a ping: {e.GetType().Name}", e is OperationCanceledException ? null : e);
        }
    }
}
