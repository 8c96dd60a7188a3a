using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Orleans membership on MongoDB. A cluster's whole table (table version, version ETag and every silo row with its
/// ETag) is ONE document, so each change is a single-document conditional update: atomic on any MongoDB deployment,
/// without transactions. Rows live under <c>rows.&lt;silo key&gt;</c>.
/// </summary>
internal sealed partial class MongoMembershipTable : IMembershipTable
{
    private const int DuplicateKeyCode = 11000;
    private const string RowsField = "rows";
    private const string VersionField = "version";
    private const string VersionETagField = "versionEtag";

    private readonly MongoDBMembershipOptions _options;
    private readonly ClusterOptions _clusterOptions;
    private readonly ILogger _logger;
    private readonly Lazy<IMongoCollection<BsonDocument>> _collection;

    public MongoMembershipTable(IOptions<MongoDBMembershipOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<MongoMembershipTable> logger)
    {
        _options = options.Value;
        _clusterOptions = clusterOptions.Value;
        _logger = logger;
        _collection = new Lazy<IMongoCollection<BsonDocument>>(() => MongoClientFactory
            .Create(_options.ConnectionString, _options.ConfigureClientSettings)
            .GetDatabase(_options.DatabaseName)
            .GetCollection<BsonDocument>(_options.CollectionName));
    }

    public bool IsInitialized { get; private set; }

    private IMongoCollection<BsonDocument> Collection => _collection.Value;

    private string ClusterId => _clusterOptions.ClusterId;

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        LogInformationInitializing(ClusterId, MongoConnectionStringRedactor.Redact(_options.ConnectionString), _options.DatabaseName, _options.CollectionName);
        if (tryInitTableVersion)
        {
            var initial = new BsonDocument("$setOnInsert", new BsonDocument
            {
                { "serviceId", _clusterOptions.ServiceId },
                { VersionField, 0 },
                { VersionETagField, "0" },
                { RowsField, new BsonDocument() },
            });
            try
            {
                await Collection.UpdateOneAsync(ClusterFilter(), initial, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKeyCode)
            {
                // Another silo created the document at the same moment: that is the table we want.
            }
        }

        IsInitialized = true;
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
        => await Collection.DeleteOneAsync(new BsonDocument("_id", clusterId), cancellationToken).ConfigureAwait(false);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var document = await Collection.Find(ClusterFilter()).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return;
        }

        foreach (var row in Rows(document))
        {
            var (entry, etag) = MembershipEntryDocument.FromDocument(row.Value.AsBsonDocument);
            var lastSeen = new DateTime(Math.Max(entry.IAmAliveTime.Ticks, entry.StartTime.Ticks), DateTimeKind.Utc);
            if (entry.Status != SiloStatus.Active && lastSeen < beforeDate.UtcDateTime)
            {
                // Conditional on the row's ETag: a row rewritten since we read it is not removed.
                var filter = ClusterFilter();
                filter[$"{RowsField}.{row.Name}.{MembershipEntryDocument.ETagField}"] = etag;
                await Collection.UpdateOneAsync(filter, new BsonDocument("$unset", new BsonDocument($"{RowsField}.{row.Name}", "")), cancellationToken: cancellationToken).ConfigureAwait(false);
                LogInformationDefunctRemoved(entry.SiloAddress, entry.Status);
            }
        }
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        var rowKey = MembershipEntryDocument.RowKey(key);
        var projection = new BsonDocument { { VersionField, 1 }, { VersionETagField, 1 }, { $"{RowsField}.{rowKey}", 1 } };
        var document = await Collection.Find(ClusterFilter()).Project(projection).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var version = ReadVersion(document);
        if (document is not null && document.TryGetValue(RowsField, out var rows) && rows.IsBsonDocument && rows.AsBsonDocument.TryGetValue(rowKey, out var row))
        {
            var (entry, etag) = MembershipEntryDocument.FromDocument(row.AsBsonDocument);
            return new MembershipTableData(Tuple.Create(entry, etag), version);
        }

        return new MembershipTableData(version);
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        var document = await Collection.Find(ClusterFilter()).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<Tuple<MembershipEntry, string>>();
        if (document is not null)
        {
            foreach (var row in Rows(document))
            {
                var (entry, etag) = MembershipEntryDocument.FromDocument(row.Value.AsBsonDocument);
                entries.Add(Tuple.Create(entry, etag));
            }
        }

        return new MembershipTableData(entries, ReadVersion(document));
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var rowPath = $"{RowsField}.{MembershipEntryDocument.RowKey(entry.SiloAddress)}";
        var filter = ClusterFilter();
        filter[VersionETagField] = tableVersion.VersionEtag;
        filter[rowPath] = new BsonDocument("$exists", false);
        var inserted = await WriteRowAsync(filter, rowPath, entry, tableVersion, cancellationToken).ConfigureAwait(false);
        LogDebugRowWrite("insert", entry.SiloAddress, entry.Status, tableVersion.Version, inserted);
        return inserted;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var rowPath = $"{RowsField}.{MembershipEntryDocument.RowKey(entry.SiloAddress)}";
        var filter = ClusterFilter();
        filter[VersionETagField] = tableVersion.VersionEtag;
        filter[$"{rowPath}.{MembershipEntryDocument.ETagField}"] = etag;
        var updated = await WriteRowAsync(filter, rowPath, entry, tableVersion, cancellationToken).ConfigureAwait(false);
        LogDebugRowWrite("update", entry.SiloAddress, entry.Status, tableVersion.Version, updated);
        return updated;
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        // Only the alive time changes; neither the table version nor the row ETag does (a "dirty write" Orleans allows).
        var rowPath = $"{RowsField}.{MembershipEntryDocument.RowKey(entry.SiloAddress)}";
        var filter = ClusterFilter();
        filter[rowPath] = new BsonDocument("$exists", true);
        var update = new BsonDocument("$set", new BsonDocument($"{rowPath}.{MembershipEntryDocument.IAmAliveField}", MembershipEntryDocument.ToUtc(entry.IAmAliveTime)));
        var result = await Collection.UpdateOneAsync(filter, update, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.MatchedCount == 0)
        {
            LogWarningIAmAliveForMissingRow(entry.SiloAddress);
        }
    }

    private async Task<bool> WriteRowAsync(BsonDocument filter, string rowPath, MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var update = new BsonDocument("$set", new BsonDocument
        {
            { rowPath, MembershipEntryDocument.ToDocument(entry, NewETag()) },
            { VersionField, tableVersion.Version },
            { VersionETagField, NewETag() },
        });
        var result = await Collection.UpdateOneAsync(filter, update, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    private static string NewETag() => ObjectId.GenerateNewId().ToString();

    private BsonDocument ClusterFilter() => new("_id", ClusterId);

    private static IEnumerable<BsonElement> Rows(BsonDocument document)
        => document.TryGetValue(RowsField, out var rows) && rows.IsBsonDocument ? rows.AsBsonDocument.Elements.ToList() : [];

    private static TableVersion ReadVersion(BsonDocument? document)
        => document is not null && document.TryGetValue(VersionETagField, out var etag)
            ? new TableVersion(document[VersionField].ToInt32(), etag.AsString)
            : new TableVersion(0, "0");

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB membership for cluster {ClusterId} uses {ConnectionString} database {Database} collection {Collection}")]
    private partial void LogInformationInitializing(string clusterId, string connectionString, string database, string collection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} ({Status}) at table version {Version}: {Succeeded}")]
    private partial void LogDebugRowWrite(string operation, SiloAddress silo, SiloStatus status, int version, bool succeeded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed defunct membership row of {Silo} ({Status})")]
    private partial void LogInformationDefunctRemoved(SiloAddress silo, SiloStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IAmAlive for {Silo}, which has no membership row")]
    private partial void LogWarningIAmAliveForMissingRow(SiloAddress silo);
}
