using FastData.Grains.Storage;

namespace FastData.Grains.Tests;

/// <summary>The record-store contract on <see cref="InMemoryRecordStore"/>.</summary>
public sealed class RecordStoreContractInMemoryTests : RecordStoreContract
{
    protected override Task<IRecordStore> CreateStoreAsync() => Task.FromResult<IRecordStore>(new InMemoryRecordStore());
}
