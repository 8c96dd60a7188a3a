using System.Globalization;
using FastData.Grains.Abstractions;
using Orleans.Storage;

namespace FastData.Grains.Storage;

/// <summary>
/// Grain storage for <see cref="IDocumentState"/> states on an <see cref="IRecordStore"/>: the grain key
/// "name/key" selects collection <c>name</c> and document <c>key</c>; the ETag is the document version, and every
/// write and clear is a compare-and-swap on it.
/// </summary>
public sealed class RecordStoreGrainStorage(IRecordStore store) : IGrainStorage
{
    public const string ProviderName = "fastdata-records";

#pragma warning disable CS0618 // Orleans 10 keeps the token-less members abstract and obsolete: they delegate to the token versions.
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);
#pragma warning restore CS0618

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (collection, key) = Locate(grainId);
        var stored = await store.ReadAsync(collection, key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var state = Activator.CreateInstance<T>();
        AsDocumentState(state).LoadDocument(stored.Document);
        grainState.State = state;
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (collection, key) = Locate(grainId);
        var state = AsDocumentState(grainState.State);
        try
        {
            var version = state is IUtf8DocumentState { Utf8: { IsEmpty: false } utf8 }
                ? await store.WriteAsync(collection, key, utf8, ExpectedVersion(grainState), cancellationToken).ConfigureAwait(false)
                : await store.WriteAsync(collection, key, state.ToDocument() ?? throw new InvalidOperationException($"Grain {grainId} wrote a state with no document."),
                    ExpectedVersion(grainState), cancellationToken).ConfigureAwait(false);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        catch (RecordVersionConflictException conflict)
        {
            throw new InconsistentStateException(conflict.Message, grainState.ETag, null, conflict);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (collection, key) = Locate(grainId);
        try
        {
            await store.DeleteAsync(collection, key, ExpectedVersion(grainState), cancellationToken).ConfigureAwait(false);
        }
        catch (RecordVersionConflictException conflict)
        {
            throw new InconsistentStateException(conflict.Message, grainState.ETag, null, conflict);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static long ExpectedVersion<T>(IGrainState<T> grainState) =>
        grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);

    private static (string Collection, string Key) Locate(GrainId grainId) => GrainKeys.Split(grainId.Key.ToString()!);

    private static IDocumentState AsDocumentState<T>(T state) =>
        state as IDocumentState ?? throw new InvalidOperationException($"{typeof(T)} is not an {nameof(IDocumentState)}: {ProviderName} stores documents only.");
}
