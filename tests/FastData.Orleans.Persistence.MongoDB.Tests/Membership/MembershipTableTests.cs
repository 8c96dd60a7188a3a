using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Membership;

public sealed class MembershipTableTests : IAsyncLifetime
{
    private readonly string _connectionString = MongoTestEnvironment.RequireConnectionString();
    private readonly string _databaseName = MongoTestEnvironment.NewDatabaseName("fdmember");
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private MongoMembershipTable _table = null!;

    public async ValueTask InitializeAsync()
    {
        _table = CreateTable();
        await _table.InitializeMembershipTableAsync(true, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await MongoTestEnvironment.DropDatabaseAsync(_connectionString, _databaseName);

    private MongoMembershipTable CreateTable() => new(
        Options.Create(new MongoDBMembershipOptions { ConnectionString = _connectionString, DatabaseName = _databaseName }),
        Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "svc" }),
        NullLogger<MongoMembershipTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTime? alive = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1000 + port),
        SiloName = $"silo-{port}",
        HostName = "host",
        Status = status,
        ProxyPort = port + 10000,
        StartTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = alive ?? new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc),
        SuspectTimes = [],
    };

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_Twice_KeepsOneEmptyTableAtVersionZero()
    {
        await CreateTable().InitializeMembershipTableAsync(true, Ct);

        var data = await _table.ReadAllAsync(Ct);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        var raw = new MongoClient(_connectionString).GetDatabase(_databaseName).GetCollection<BsonDocument>("OrleansMembership");
        Assert.Equal(1, await raw.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: Ct));
    }

    [Fact]
    public async Task InsertRow_WithCurrentVersion_AddsRowAndAdvancesVersion()
    {
        var before = await _table.ReadAllAsync(Ct);
        var entry = Entry(11111);

        Assert.True(await _table.InsertRowAsync(entry, before.Version.Next(), Ct));

        var after = await _table.ReadAllAsync(Ct);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.ProxyPort, stored.ProxyPort);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task InsertRow_ExistingSilo_ReturnsFalse()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));
        var v1 = (await _table.ReadAllAsync(Ct)).Version;

        Assert.False(await _table.InsertRowAsync(Entry(11111, SiloStatus.Active), v1.Next(), Ct));
        Assert.Equal(v1, (await _table.ReadAllAsync(Ct)).Version);
    }

    [Fact]
    public async Task InsertRow_WithStaleTableVersion_ReturnsFalseAndChangesNothing()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));

        Assert.False(await _table.InsertRowAsync(Entry(22222), v0.Next(), Ct));
        Assert.Single((await _table.ReadAllAsync(Ct)).Members);
    }

    [Fact]
    public async Task InsertRow_ConcurrentWithSameVersion_ExactlyOneSucceeds()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        var tables = Enumerable.Range(0, 6).Select(_ => CreateTable()).ToList();

        var results = await Task.WhenAll(tables.Select((t, i) => t.InsertRowAsync(Entry(20000 + i), v0.Next(), Ct)));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await _table.ReadAllAsync(Ct)).Members);
    }

    [Fact]
    public async Task UpdateRow_WithCurrentETags_ReplacesRowAndNewETag()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));
        var read = await _table.ReadRowAsync(Entry(11111).SiloAddress, Ct);
        var (entry, etag) = Assert.Single(read.Members);
        entry.Status = SiloStatus.Active;
        entry.AddSuspector(SiloAddress.New(IPAddress.Loopback, 30000, 5), new DateTime(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.True(await _table.UpdateRowAsync(entry, etag, read.Version.Next(), Ct));

        var after = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        var (stored, newEtag) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Single(stored.SuspectTimes!);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 30000, 5), stored.SuspectTimes![0].Item1);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithStaleRowETag_ReturnsFalse()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));
        var read = await _table.ReadRowAsync(Entry(11111).SiloAddress, Ct);
        var (entry, etag) = Assert.Single(read.Members);
        Assert.True(await _table.UpdateRowAsync(entry, etag, read.Version.Next(), Ct));
        var current = (await _table.ReadAllAsync(Ct)).Version;

        Assert.False(await _table.UpdateRowAsync(entry, etag, current.Next(), Ct));
    }

    [Fact]
    public async Task UpdateRow_WithStaleTableVersion_ReturnsFalse()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));
        var read = await _table.ReadRowAsync(Entry(11111).SiloAddress, Ct);
        var (entry, etag) = Assert.Single(read.Members);
        Assert.True(await _table.InsertRowAsync(Entry(22222), read.Version.Next(), Ct));

        Assert.False(await _table.UpdateRowAsync(entry, etag, read.Version.Next(), Ct));
        Assert.Equal(SiloStatus.Joining, Assert.Single((await _table.ReadRowAsync(entry.SiloAddress, Ct)).Members).Item1.Status);
    }

    [Fact]
    public async Task UpdateRow_MissingSilo_ReturnsFalse()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.False(await _table.UpdateRowAsync(Entry(11111), "whatever", v0.Next(), Ct));
        Assert.Empty((await _table.ReadAllAsync(Ct)).Members);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyAliveTime()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));
        var before = await _table.ReadAllAsync(Ct);
        var (_, etagBefore) = Assert.Single(before.Members);
        var alive = new DateTime(2026, 3, 3, 3, 3, 3, 300, DateTimeKind.Utc);

        await _table.UpdateIAmAliveAsync(Entry(11111, SiloStatus.Dead, alive), Ct);

        var after = await _table.ReadAllAsync(Ct);
        var (stored, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(alive, stored.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(etagBefore, etagAfter);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyOldInactiveRows()
    {
        var cutoff = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var old = cutoff.UtcDateTime.AddHours(-1);
        var recent = cutoff.UtcDateTime.AddHours(1);
        var rows = new[] { Entry(1, SiloStatus.Dead, old), Entry(2, SiloStatus.Active, old), Entry(3, SiloStatus.Dead, recent), Entry(4, SiloStatus.ShuttingDown, old) };
        foreach (var row in rows)
        {
            var version = (await _table.ReadAllAsync(Ct)).Version;
            Assert.True(await _table.InsertRowAsync(row, version.Next(), Ct));
        }

        await _table.CleanupDefunctSiloEntriesAsync(cutoff, Ct);

        var left = (await _table.ReadAllAsync(Ct)).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order().ToArray();
        Assert.Equal([2, 3], left);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesTheClusterTable()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));

        await _table.DeleteMembershipTableEntriesAsync(_clusterId, Ct);

        var data = await _table.ReadAllAsync(Ct);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task Table_IsOneReadableDocumentPerCluster()
    {
        var v0 = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(Entry(11111), v0.Next(), Ct));

        var raw = await new MongoClient(_connectionString).GetDatabase(_databaseName).GetCollection<BsonDocument>("OrleansMembership")
            .Find(new BsonDocument("_id", _clusterId)).SingleAsync(Ct);
        Assert.Equal(BsonType.Int32, raw["version"].BsonType);
        Assert.Equal(BsonType.String, raw["versionEtag"].BsonType);
        var row = Assert.Single(raw["rows"].AsBsonDocument.Elements).Value.AsBsonDocument;
        Assert.Equal("Joining", row["status"].AsString);
        Assert.Equal(BsonType.DateTime, row["iAmAliveTime"].BsonType);
        Assert.Equal(Entry(11111).SiloAddress.ToParsableString(), row["address"].AsString);
    }

    [Fact]
    public async Task GatewayListProvider_ListsProxyEndpointsOfActiveSilosOnly()
    {
        foreach (var row in new[] { Entry(1, SiloStatus.Active), Entry(2, SiloStatus.Dead), Entry(3, SiloStatus.Active) })
        {
            var version = (await _table.ReadAllAsync(Ct)).Version;
            Assert.True(await _table.InsertRowAsync(row, version.Next(), Ct));
        }

        var provider = new MongoGatewayListProvider(CreateTable(), Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync(Ct);
        var gateways = await provider.GetGatewaysAsync(Ct);

        Assert.Equal([10001, 10003], gateways.Select(g => g.Port).Order().ToArray());
    }
}
