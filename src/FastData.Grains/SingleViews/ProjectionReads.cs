using System.Text.Json.Nodes;
using FastData.Model.Aggregation;

namespace FastData.Grains.SingleViews;

/// <summary>The projection records an aggregation reads, with the store's failures told apart
/// (<see cref="ProjectionReadException"/>) from the aggregation's own errors.</summary>
internal sealed class ProjectionReads(IProjectionResolver store) : IProjectionResolver
{
    public async ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(projection, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ProjectionReadException(projection, e);
        }
    }

    public async ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindAsync(projection, filter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ProjectionReadException(projection, e);
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, JsonObject>> GetManyAsync(string projection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetManyAsync(projection, keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ProjectionReadException(projection, e);
        }
    }
}
