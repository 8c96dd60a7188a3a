using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Storage;

public sealed class UnreachableServerTests
{
    [Fact]
    public async Task Write_ServerUnreachable_EveryWriteFailsWithTheDriverError()
    {
        // Port 1 on loopback refuses connections: no MongoDB is needed to see how a failed bulk write is reported.
        var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
        await using var storage = new MongoDBGrainStorage("down", new MongoDBGrainStorageOptions
        {
            ConnectionString = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300",
            DatabaseName = "db",
        }, activators, NullLoggerFactory.Instance);

        var writes = Enumerable.Range(0, 3)
            .Select(i => storage.WriteStateAsync("state", GrainId.Create("counter", $"k{i}"), new GrainState<CounterState>(new CounterState()), TestContext.Current.CancellationToken))
            .ToList();

        foreach (var write in writes)
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => write);
            Assert.IsNotType<InconsistentStateException>(ex);
            Assert.True(ex is TimeoutException or MongoException, $"Expected the driver's error, got {ex.GetType()}");
        }
    }
}
