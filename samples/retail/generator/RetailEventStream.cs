using FastData.Samples.Retail.Rows;

namespace FastData.Samples.Retail;

/// <summary>
/// One run of the generator: the simulated database, its id sequences, clock and LSN. Every change mutates the
/// state and appends the records Debezium would emit to a small buffer that <see cref="Run"/> drains.
/// </summary>
/// <remarks>
/// Referential rules (documented in the README): an order always references a live customer, an address a live
/// customer, an item a live order and product. Deleting a customer or an order cascades like ON DELETE CASCADE
/// (parent first, in WAL order); only unreferenced products are deleted. Item changes touch only NEW orders and
/// are followed by the order's recomputed TOTAL_AMOUNT.
/// </remarks>
internal sealed class RetailEventStream
{
    private const long ConnectorLagMs = 3;
    private const int MaxSnapshotAgeDays = 3 * 365;

    private readonly RetailGeneratorOptions _options;
    private readonly Random _random;
    private readonly RetailRowFactory _factory;
    private readonly DebeziumEnvelopeWriter _writer;
    private readonly List<CdcRecord> _pending = [];
    private readonly CdcRecord[] _recent;
    private readonly double _weightTotal;

    private readonly Dictionary<int, CustomerRow> _customers = [];
    private readonly KeyedPool<int> _customerIds = new();
    private readonly KeyedPool<int> _customersWithoutAddress = new();
    private readonly Dictionary<int, AddressRow> _addresses = [];
    private readonly KeyedPool<int> _addressIds = new();
    private readonly Dictionary<int, int> _addressByCustomer = [];
    private readonly Dictionary<int, List<int>> _ordersByCustomer = [];
    private readonly Dictionary<int, OrderRow> _orders = [];
    private readonly KeyedPool<int> _orderIds = new();
    private readonly KeyedPool<int> _openOrderIds = new();
    private readonly KeyedPool<int> _progressingOrderIds = new();
    private readonly Dictionary<int, List<OrderItemRow>> _itemsByOrder = [];
    private readonly Dictionary<int, int> _nextLineNo = [];
    private readonly Dictionary<int, ProductRow> _products = [];
    private readonly KeyedPool<int> _productIds = new();
    private readonly Dictionary<int, int> _productReferences = [];
    private readonly KeyedPool<int> _unreferencedProductIds = new();

    private long _clock;
    private long _lsn = 0x1_6B37_4D48;
    private int _recentCount;
    private int _recentNext;
    private CdcRecord? _last;
    private bool _inSnapshot;
    private (RetailRow Row, long SourceTs, long Lsn)? _lastEmission;

    public RetailEventStream(RetailGeneratorOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _factory = new RetailRowFactory(_random);
        _writer = new DebeziumEnvelopeWriter(options.TargetEventBytes);
        _recent = new CdcRecord[options.ReplayWindow];
        _clock = options.StartTimestampMs;
        _weightTotal = options.InsertWeight + options.UpdateWeight + options.DeleteWeight + options.ForeignKeyMoveWeight;
    }

    public IEnumerable<CdcRecord> Run()
    {
        _inSnapshot = true;
        for (var i = 0; i < _options.Products; i++)
        {
            InsertProduct(CdcRecordOrigin.Snapshot);
            foreach (var record in _pending)
            {
                yield return record;
            }

            _pending.Clear();
        }

        for (var i = 0; i < _options.Customers; i++)
        {
            SnapshotCustomer();
            if (i == _options.Customers - 1)
            {
                MarkSnapshotEnd();
            }

            foreach (var record in _pending)
            {
                yield return record;
            }

            _pending.Clear();
        }

        _inSnapshot = false;
        for (long i = 0; _options.ChangeEvents is not { } limit || i < limit; i++)
        {
            Step();
            foreach (var record in _pending)
            {
                yield return record;
            }

            _pending.Clear();
        }
    }

    private void SnapshotCustomer()
    {
        var start = _options.StartTimestampMs;
        var customer = _factory.NewCustomer(_factory.DaysBack(start, MaxSnapshotAgeDays));
        AddCustomer(customer, CdcRecordOrigin.Snapshot);
        if (_random.NextDouble() < _options.AddressProbability)
        {
            AddAddress(_factory.NewAddress(customer.CustomerId), CdcRecordOrigin.Snapshot);
        }

        var orders = _random.Next(_options.MinOrdersPerCustomer, _options.MaxOrdersPerCustomer + 1);
        for (var i = 0; i < orders; i++)
        {
            var orderDate = _random.NextInt64(customer.CreatedAt, start);
            AddOrder(customer.CustomerId, orderDate, _factory.SnapshotStatus(start - orderDate), CdcRecordOrigin.Snapshot);
        }
    }

    /// <summary>Debezium flags the final snapshot record with <c>source.snapshot = "last"</c>.</summary>
    private void MarkSnapshotEnd()
    {
        if (!_options.SnapshotAsRead || _lastEmission is not var (row, sourceTs, lsn))
        {
            return;
        }

        var value = _writer.WriteValue("r", null, row, sourceTs, sourceTs + ConnectorLagMs, lsn, "last");
        var record = _pending[^1] with { Value = value };
        _pending[^1] = record;
        _last = record;
        _recent[(_recentNext + _recent.Length - 1) % _recent.Length] = record;
    }

    private void Step()
    {
        _clock += _random.Next(0, (2 * _options.MeanChangeIntervalMs) + 1);
        var roll = _random.NextDouble();
        if (roll < _options.DuplicateRate && _last is not null)
        {
            Add(_last with { Origin = CdcRecordOrigin.Duplicate }, remember: false);
            return;
        }

        roll -= _options.DuplicateRate;
        if (roll < _options.ReplayRate && _recentCount > 0)
        {
            var earlier = _recent[_random.Next(_recentCount)];
            Add(earlier with { TimestampMs = ++_clock + ConnectorLagMs, Origin = CdcRecordOrigin.Replay }, remember: false);
            return;
        }

        roll -= _options.ReplayRate;
        if (roll < _options.PrimaryKeyChangeRate && TryChangePrimaryKey())
        {
            return;
        }

        var pick = _random.NextDouble() * _weightTotal;
        if ((pick -= _options.InsertWeight) < 0)
        {
            Insert();
        }
        else if ((pick -= _options.UpdateWeight) < 0)
        {
            Update();
        }
        else if ((pick -= _options.DeleteWeight) < 0)
        {
            Delete();
        }
        else
        {
            MoveForeignKey();
        }
    }

    // ---- the change mix -------------------------------------------------------------------------------------

    private void Insert()
    {
        var roll = _random.Next(100);
        var done = roll switch
        {
            < 15 => InsertCustomer(),
            < 20 => TryInsertAddress(),
            < 25 => InsertProduct(CdcRecordOrigin.Change),
            < 60 => TryInsertOrder(),
            _ => TryInsertItem() || TryInsertOrder(),
        };
        if (!done)
        {
            InsertCustomer();
        }
    }

    private void Update()
    {
        var roll = _random.Next(100);
        var done = roll switch
        {
            < 25 => TryUpdateCustomer(),
            < 35 => TryUpdateAddress() || TryUpdateCustomer(),
            < 70 => TryAdvanceOrder() || TryUpdateCustomer(),
            < 85 => TryUpdateItemQuantity() || TryAdvanceOrder() || TryUpdateCustomer(),
            _ => TryUpdateProductPrice(),
        };
        if (!done)
        {
            InsertCustomer();
        }
    }

    private void Delete()
    {
        var roll = _random.Next(100);
        var done = roll switch
        {
            < 45 => TryDeleteItem() || TryDeleteOrder(),
            < 70 => TryDeleteOrder(),
            < 80 => TryDeleteAddress() || TryDeleteItem() || TryDeleteOrder(),
            < 90 => TryDeleteCustomer(),
            _ => TryDeleteProduct() || TryDeleteItem() || TryDeleteOrder(),
        };
        if (!done)
        {
            InsertCustomer();
        }
    }

    private void MoveForeignKey()
    {
        var done = _random.Next(3) switch
        {
            0 => TryMoveOrder() || TryMoveAddress() || TryMoveItem(),
            1 => TryMoveAddress() || TryMoveItem() || TryMoveOrder(),
            _ => TryMoveItem() || TryMoveOrder() || TryMoveAddress(),
        };
        if (!done)
        {
            Update();
        }
    }

    private bool TryChangePrimaryKey() => _random.Next(2) == 0
        ? TryRenumberItem() || TryRekeyAddress()
        : TryRekeyAddress() || TryRenumberItem();

    // ---- inserts ----------------------------------------------------------------------------------------------

    private bool InsertCustomer()
    {
        var customer = _factory.NewCustomer(_clock);
        AddCustomer(customer, CdcRecordOrigin.Change);
        if (_random.NextDouble() < _options.AddressProbability)
        {
            AddAddress(_factory.NewAddress(customer.CustomerId), CdcRecordOrigin.Dependent);
        }

        return true;
    }

    private bool TryInsertAddress()
    {
        if (!_customersWithoutAddress.TryPick(_random, out var customerId))
        {
            return false;
        }

        AddAddress(_factory.NewAddress(customerId), CdcRecordOrigin.Change);
        return true;
    }

    private bool InsertProduct(CdcRecordOrigin origin)
    {
        var product = _factory.NewProduct();
        _products.Add(product.ProductId, product);
        _productIds.Add(product.ProductId);
        _productReferences.Add(product.ProductId, 0);
        _unreferencedProductIds.Add(product.ProductId);
        EmitUpsert(null, product, origin);
        return true;
    }

    private bool TryInsertOrder()
    {
        if (!_customerIds.TryPick(_random, out var customerId) || _productIds.Count == 0)
        {
            return false;
        }

        AddOrder(customerId, _clock, "NEW", CdcRecordOrigin.Change);
        return true;
    }

    private bool TryInsertItem()
    {
        if (!_openOrderIds.TryPick(_random, out var orderId) || !_productIds.TryPick(_random, out var productId))
        {
            return false;
        }

        var item = NewItem(orderId, productId);
        _itemsByOrder[orderId].Add(item);
        AddProductReference(productId);
        EmitUpsert(null, item, CdcRecordOrigin.Change);
        UpdateOrderTotal(orderId);
        return true;
    }

    // ---- updates ----------------------------------------------------------------------------------------------

    private bool TryUpdateCustomer()
    {
        if (!_customerIds.TryPick(_random, out var customerId))
        {
            return false;
        }

        var before = _customers[customerId];
        var after = _random.Next(5) switch
        {
            0 => before with { LoyaltyTier = NextTier(before.LoyaltyTier) },
            1 => before with { Phone = _factory.NewPhone() ?? "+1 555 0100000" },
            2 => before with { Email = _factory.NewEmail(before.FirstName, before.LastName, before.CustomerId) },
            3 => before with { IsActive = !before.IsActive },
            _ => before with { Notes = _factory.Pick(SampleData.Notes) },
        };
        if (after == before)
        {
            // The drawn value happened to be the current one; an update must change something.
            after = before with { IsActive = !before.IsActive };
        }

        _customers[customerId] = after;
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryUpdateAddress()
    {
        if (!_addressIds.TryPick(_random, out var addressId))
        {
            return false;
        }

        var before = _addresses[addressId];
        var after = _factory.MovedWithinCity(before);
        _addresses[addressId] = after;
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryAdvanceOrder()
    {
        if (!_progressingOrderIds.TryPick(_random, out var orderId))
        {
            return false;
        }

        var before = _orders[orderId];
        ReplaceOrder(before, before with { Status = _factory.NextStatus(before.Status) }, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryUpdateItemQuantity()
    {
        if (!TryPickOpenItem(out var items, out var index))
        {
            return false;
        }

        var before = items[index];
        var quantity = _factory.NewQuantity();
        var after = before with { Quantity = quantity == before.Quantity ? quantity + 1 : quantity };
        items[index] = after;
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        UpdateOrderTotal(before.OrderId);
        return true;
    }

    private bool TryUpdateProductPrice()
    {
        if (!_productIds.TryPick(_random, out var productId))
        {
            return false;
        }

        var before = _products[productId];
        // A price change of -15%..+15%, kept above zero; existing order lines keep the price they were sold at.
        var factor = 0.85 + (_random.NextDouble() * 0.3);
        var cents = Math.Max(99, (long)Math.Round(before.PriceCents * factor));
        var after = before with { PriceCents = cents == before.PriceCents ? cents + 100 : cents };
        _products[productId] = after;
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        return true;
    }

    // ---- deletes ----------------------------------------------------------------------------------------------

    private bool TryDeleteItem()
    {
        if (!TryPickOpenItem(out var items, out var index))
        {
            return false;
        }

        var item = items[index];
        items.RemoveAt(index);
        RemoveProductReference(item.ProductId);
        EmitDelete(item, CdcRecordOrigin.Change);
        UpdateOrderTotal(item.OrderId);
        return true;
    }

    private bool TryDeleteOrder()
    {
        if (!_orderIds.TryPick(_random, out var orderId))
        {
            return false;
        }

        DeleteOrder(orderId, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryDeleteAddress()
    {
        if (!_addressIds.TryPick(_random, out var addressId))
        {
            return false;
        }

        DeleteAddress(addressId, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryDeleteCustomer()
    {
        if (!_customerIds.TryPick(_random, out var customerId))
        {
            return false;
        }

        var customer = _customers[customerId];
        _customers.Remove(customerId);
        _customerIds.Remove(customerId);
        _customersWithoutAddress.Remove(customerId);
        EmitDelete(customer, CdcRecordOrigin.Change);

        // ON DELETE CASCADE: PostgreSQL logs the parent row first, then the rows its foreign keys remove.
        if (_addressByCustomer.TryGetValue(customerId, out var addressId))
        {
            DeleteAddress(addressId, CdcRecordOrigin.Dependent);
        }

        foreach (var orderId in _ordersByCustomer[customerId].ToArray())
        {
            DeleteOrder(orderId, CdcRecordOrigin.Dependent);
        }

        _ordersByCustomer.Remove(customerId);
        return true;
    }

    private bool TryDeleteProduct()
    {
        if (!_unreferencedProductIds.TryPick(_random, out var productId) || _productIds.Count < 2)
        {
            return false;
        }

        var product = _products[productId];
        _products.Remove(productId);
        _productIds.Remove(productId);
        _productReferences.Remove(productId);
        _unreferencedProductIds.Remove(productId);
        EmitDelete(product, CdcRecordOrigin.Change);
        return true;
    }

    // ---- foreign-key moves ------------------------------------------------------------------------------------

    private bool TryMoveOrder()
    {
        if (_customerIds.Count < 2 || !_orderIds.TryPick(_random, out var orderId))
        {
            return false;
        }

        var before = _orders[orderId];
        int customerId;
        do
        {
            _customerIds.TryPick(_random, out customerId);
        }
        while (customerId == before.CustomerId);

        _ordersByCustomer[before.CustomerId].Remove(orderId);
        _ordersByCustomer[customerId].Add(orderId);
        ReplaceOrder(before, before with { CustomerId = customerId }, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryMoveAddress()
    {
        if (!_customersWithoutAddress.TryPick(_random, out var customerId) || !_addressIds.TryPick(_random, out var addressId))
        {
            return false;
        }

        var before = _addresses[addressId];
        var after = before with { CustomerId = customerId };
        _addresses[addressId] = after;
        _addressByCustomer.Remove(before.CustomerId);
        _customersWithoutAddress.Add(before.CustomerId);
        _addressByCustomer[customerId] = addressId;
        _customersWithoutAddress.Remove(customerId);
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        return true;
    }

    private bool TryMoveItem()
    {
        if (_productIds.Count < 2 || !TryPickOpenItem(out var items, out var index))
        {
            return false;
        }

        var before = items[index];
        int productId;
        do
        {
            _productIds.TryPick(_random, out productId);
        }
        while (productId == before.ProductId);

        // The line now sells another product, at that product's current price.
        var after = before with { ProductId = productId, UnitPriceCents = _products[productId].PriceCents };
        items[index] = after;
        RemoveProductReference(before.ProductId);
        AddProductReference(productId);
        EmitUpsert(before, after, CdcRecordOrigin.Change);
        UpdateOrderTotal(before.OrderId);
        return true;
    }

    // ---- primary-key changes ----------------------------------------------------------------------------------

    private bool TryRekeyAddress()
    {
        if (!_addressIds.TryPick(_random, out var addressId))
        {
            return false;
        }

        var before = _addresses[addressId];
        var after = _factory.WithNewAddressId(before);
        _addresses.Remove(addressId);
        _addressIds.Remove(addressId);
        _addresses.Add(after.AddressId, after);
        _addressIds.Add(after.AddressId);
        _addressByCustomer[after.CustomerId] = after.AddressId;
        EmitDelete(before, CdcRecordOrigin.KeyChange);
        EmitUpsert(null, after, CdcRecordOrigin.KeyChange);
        return true;
    }

    private bool TryRenumberItem()
    {
        if (!TryPickOpenItem(out var items, out var index))
        {
            return false;
        }

        var before = items[index];
        var after = before with { LineNo = _nextLineNo[before.OrderId]++ };
        items[index] = after;
        EmitDelete(before, CdcRecordOrigin.KeyChange);
        EmitUpsert(null, after, CdcRecordOrigin.KeyChange);
        return true;
    }

    // ---- state helpers ----------------------------------------------------------------------------------------

    private void AddCustomer(CustomerRow customer, CdcRecordOrigin origin)
    {
        _customers.Add(customer.CustomerId, customer);
        _customerIds.Add(customer.CustomerId);
        _customersWithoutAddress.Add(customer.CustomerId);
        _ordersByCustomer.Add(customer.CustomerId, []);
        EmitUpsert(null, customer, origin);
    }

    private void AddAddress(AddressRow address, CdcRecordOrigin origin)
    {
        _addresses.Add(address.AddressId, address);
        _addressIds.Add(address.AddressId);
        _addressByCustomer[address.CustomerId] = address.AddressId;
        _customersWithoutAddress.Remove(address.CustomerId);
        EmitUpsert(null, address, origin);
    }

    /// <summary>Adds an order with its items; the order row is logged first, then its lines.</summary>
    private void AddOrder(int customerId, long orderDate, string status, CdcRecordOrigin origin)
    {
        var orderId = _factory.NextOrderId();
        var count = _random.Next(_options.MinItemsPerOrder, _options.MaxItemsPerOrder + 1);
        var items = new List<OrderItemRow>(count);
        _nextLineNo[orderId] = 1;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            _productIds.TryPick(_random, out var productId);
            var item = NewItem(orderId, productId);
            items.Add(item);
            total += item.LineTotalCents;
        }

        _addressByCustomer.TryGetValue(customerId, out var addressId);
        var currency = _factory.CurrencyOf(_addresses.GetValueOrDefault(addressId));
        var order = new OrderRow(orderId, customerId, orderDate, status, total, currency) { Notes = _factory.NewNotes() };
        _orders.Add(orderId, order);
        _orderIds.Add(orderId);
        TrackStatus(order);
        _ordersByCustomer[customerId].Add(orderId);
        _itemsByOrder.Add(orderId, items);
        EmitUpsert(null, order, origin);
        var itemOrigin = origin == CdcRecordOrigin.Snapshot ? origin : CdcRecordOrigin.Dependent;
        foreach (var item in items)
        {
            AddProductReference(item.ProductId);
            EmitUpsert(null, item, itemOrigin);
        }
    }

    private OrderItemRow NewItem(int orderId, int productId) => new(
        orderId, _nextLineNo[orderId]++, productId, _factory.NewQuantity(), _products[productId].PriceCents)
    {
        Notes = _factory.NewNotes(),
    };

    private void ReplaceOrder(OrderRow before, OrderRow after, CdcRecordOrigin origin)
    {
        _orders[after.OrderId] = after;
        TrackStatus(after);
        EmitUpsert(before, after, origin);
    }

    private void TrackStatus(OrderRow order)
    {
        if (order.Status == "NEW")
        {
            _openOrderIds.Add(order.OrderId);
        }
        else
        {
            _openOrderIds.Remove(order.OrderId);
        }

        if (order.Status is "NEW" or "PAID" or "SHIPPED")
        {
            _progressingOrderIds.Add(order.OrderId);
        }
        else
        {
            _progressingOrderIds.Remove(order.OrderId);
        }
    }

    private void UpdateOrderTotal(int orderId)
    {
        long total = 0;
        foreach (var item in _itemsByOrder[orderId])
        {
            total += item.LineTotalCents;
        }

        var before = _orders[orderId];
        if (before.TotalCents != total)
        {
            ReplaceOrder(before, before with { TotalCents = total }, CdcRecordOrigin.Dependent);
        }
    }

    private void DeleteOrder(int orderId, CdcRecordOrigin origin)
    {
        var order = _orders[orderId];
        _orders.Remove(orderId);
        _orderIds.Remove(orderId);
        _openOrderIds.Remove(orderId);
        _progressingOrderIds.Remove(orderId);
        if (origin == CdcRecordOrigin.Change)
        {
            _ordersByCustomer[order.CustomerId].Remove(orderId);
        }

        EmitDelete(order, origin);
        foreach (var item in _itemsByOrder[orderId])
        {
            RemoveProductReference(item.ProductId);
            EmitDelete(item, CdcRecordOrigin.Dependent);
        }

        _itemsByOrder.Remove(orderId);
        _nextLineNo.Remove(orderId);
    }

    private void DeleteAddress(int addressId, CdcRecordOrigin origin)
    {
        var address = _addresses[addressId];
        _addresses.Remove(addressId);
        _addressIds.Remove(addressId);
        _addressByCustomer.Remove(address.CustomerId);
        if (_customers.ContainsKey(address.CustomerId))
        {
            _customersWithoutAddress.Add(address.CustomerId);
        }

        EmitDelete(address, origin);
    }

    private bool TryPickOpenItem(out List<OrderItemRow> items, out int index)
    {
        index = -1;
        items = [];
        if (!_openOrderIds.TryPick(_random, out var orderId))
        {
            return false;
        }

        items = _itemsByOrder[orderId];
        if (items.Count == 0)
        {
            return false;
        }

        index = _random.Next(items.Count);
        return true;
    }

    private void AddProductReference(int productId)
    {
        if (_productReferences[productId]++ == 0)
        {
            _unreferencedProductIds.Remove(productId);
        }
    }

    private void RemoveProductReference(int productId)
    {
        if (--_productReferences[productId] == 0)
        {
            _unreferencedProductIds.Add(productId);
        }
    }

    private static string NextTier(string tier) => tier switch
    {
        "BRONZE" => "SILVER",
        "SILVER" => "GOLD",
        _ => "SILVER",
    };

    // ---- emission ---------------------------------------------------------------------------------------------

    private void EmitUpsert(RetailRow? before, RetailRow after, CdcRecordOrigin origin)
    {
        var (op, letter) = before is not null ? (CdcOperation.Update, "u")
            : origin == CdcRecordOrigin.Snapshot && _options.SnapshotAsRead ? (CdcOperation.Read, "r")
            : (CdcOperation.Create, "c");
        Emit(after, op, letter, before, after, origin);
    }

    private void EmitDelete(RetailRow before, CdcRecordOrigin origin)
    {
        var delete = Emit(before, CdcOperation.Delete, "d", before, null, origin);
        var tombstoneOrigin = origin == CdcRecordOrigin.KeyChange ? origin : CdcRecordOrigin.Dependent;
        Add(delete with { Value = null, Operation = CdcOperation.Tombstone, Origin = tombstoneOrigin }, remember: true);
    }

    private CdcRecord Emit(RetailRow row, CdcOperation op, string letter, RetailRow? before, RetailRow? after, CdcRecordOrigin origin)
    {
        var sourceTs = ++_clock;
        _lsn += _random.Next(64, 1024);
        var snapshot = _inSnapshot && _options.SnapshotAsRead ? "true" : "false";
        var key = _writer.WriteKey(row);
        var value = _writer.WriteValue(letter, before, after, sourceTs, sourceTs + ConnectorLagMs, _lsn, snapshot);
        var topic = row.Topic;
        var record = new CdcRecord(topic.Name, key, value, sourceTs + ConnectorLagMs, topic.Table, op, _lsn, origin);
        _lastEmission = (row, sourceTs, _lsn);
        Add(record, remember: true);
        return record;
    }

    /// <param name="record">The record to emit.</param>
    /// <param name="remember">Whether a later replay may re-emit it (only records of the simulated database).</param>
    private void Add(CdcRecord record, bool remember)
    {
        _pending.Add(record);
        _last = record;
        if (!remember)
        {
            return;
        }

        _recent[_recentNext] = record;
        _recentNext = (_recentNext + 1) % _recent.Length;
        _recentCount = Math.Min(_recentCount + 1, _recent.Length);
    }
}
