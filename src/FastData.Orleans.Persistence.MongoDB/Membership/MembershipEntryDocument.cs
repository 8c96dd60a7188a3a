using MongoDB.Bson;
using Orleans;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Maps a <see cref="MembershipEntry"/> to a readable sub-document and back (Orleans offers no copy of its own).</summary>
internal static class MembershipEntryDocument
{
    public const string ETagField = "etag";
    public const string IAmAliveField = "iAmAliveTime";

    /// <summary>The row's key inside the cluster document: the silo address with dots (path separators) replaced.</summary>
    public static string RowKey(SiloAddress address) => address.ToParsableString().Replace('.', '_');

    public static BsonDocument ToDocument(MembershipEntry entry, string etag)
    {
        var suspects = new BsonArray();
        foreach (var (silo, time) in entry.SuspectTimes ?? [])
        {
            suspects.Add(new BsonDocument { { "silo", silo.ToParsableString() }, { "time", ToUtc(time) } });
        }

        return new BsonDocument
        {
            { "address", entry.SiloAddress.ToParsableString() },
            { "siloName", entry.SiloName ?? string.Empty },
            { "hostName", entry.HostName ?? string.Empty },
            { "status", entry.Status.ToString() },
            { "proxyPort", entry.ProxyPort },
            { "roleName", entry.RoleName is null ? BsonNull.Value : entry.RoleName },
            { "updateZone", entry.UpdateZone },
            { "faultZone", entry.FaultZone },
            { "startTime", ToUtc(entry.StartTime) },
            { IAmAliveField, ToUtc(entry.IAmAliveTime) },
            { "suspectTimes", suspects },
            { ETagField, etag },
        };
    }

    public static (MembershipEntry Entry, string ETag) FromDocument(BsonDocument row)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(row["address"].AsString),
            SiloName = row["siloName"].AsString,
            HostName = row["hostName"].AsString,
            Status = Enum.Parse<SiloStatus>(row["status"].AsString),
            ProxyPort = row["proxyPort"].ToInt32(),
            RoleName = row["roleName"].IsBsonNull ? null : row["roleName"].AsString,
            UpdateZone = row["updateZone"].ToInt32(),
            FaultZone = row["faultZone"].ToInt32(),
            StartTime = row["startTime"].ToUniversalTime(),
            IAmAliveTime = row[IAmAliveField].ToUniversalTime(),
            SuspectTimes = row["suspectTimes"].AsBsonArray
                .Select(s => Tuple.Create(SiloAddress.FromParsableString(s["silo"].AsString), s["time"].ToUniversalTime()))
                .ToList(),
        };
        return (entry, row[ETagField].AsString);
    }

    public static BsonDateTime ToUtc(DateTime time)
        => new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
