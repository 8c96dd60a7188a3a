using System.Text;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>Kafka's default partitioner (murmur2 of the key bytes, made positive, modulo the partition count).</summary>
internal static class KafkaPartitioner
{
    public static int PartitionFor(string key, int partitions)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        return (Murmur2(bytes) & 0x7fffffff) % partitions;
    }

    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint seed = 0x9747b28c;
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[i * 4] | (data[(i * 4) + 1] << 8) | (data[(i * 4) + 2] << 16) | (data[(i * 4) + 3] << 24));
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = blocks * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
