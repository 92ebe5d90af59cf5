//+------------------------------------------------------------------+
//| ReleatBridge.mq5                                                 |
//| Connects this MetaTrader 5 terminal to the releat mt5-gateway:   |
//| streams ticks and account state, executes the gateway's orders,  |
//| at most one trade per client order id (see "Never twice" in      |
//| PROTOCOL.md). Protocol: PROTOCOL.md beside this file.            |
//| Install and first session: INSTALL.md.                           |
//| tests/Releat.Testing/Mt5/SimulatedTerminal.cs ports the command  |
//| handling below to C#: change both together.                      |
//+------------------------------------------------------------------+
#property copyright   "releat"
#property version     "2.00"
#property description "Streams ticks to the releat mt5-gateway and executes its orders, once per client order id."
#property description "Add the gateway host to Tools > Options > Expert Advisors > Allow WebRequest for listed URL."

input string GatewayHost         = "127.0.0.1"; // Gateway address (must be in the allowed URL list)
input ushort GatewayPort         = 7001;        // Gateway bridge port (Mt5Bridge:Port)
input string BridgeSecret        = "";          // Shared secret, same as the gateway's Mt5Bridge:SharedSecret
input int    TimerMilliseconds   = 10;          // How often to poll for ticks and commands
input int    AccountEverySeconds = 5;           // How often to push account state
input int    ReconnectSeconds    = 2;           // Wait between connection attempts
input ulong  SlippagePoints      = 10;          // Accepted deviation from the requested price
input int    FillWaitMs          = 3000;        // How long to wait for a deal to reach the history after OrderSend

const int    PROTOCOL_VERSION = 2;
const int    HISTORY_DAYS     = 7;              // How far back a client order id is looked up before trading
const int    RETCODE_UNKNOWN  = 0;

int      g_socket        = INVALID_HANDLE;
bool     g_welcomed      = false;
string   g_inbox         = "";                  // Received text not yet ending in a line feed
datetime g_nextConnect   = 0;
datetime g_lastAccount   = 0;
datetime g_lastClock     = 0;
long     g_lastOffset    = 0;
long     g_login         = 0;                   // Account the connection was made for
string   g_symbols[];                           // Subscribed symbols
long     g_lastTickMsc[];                       // Time of the last tick sent, per symbol
int      g_sentAtLastMsc[];                     // How many ticks with that time were sent, per symbol

//--- The journal of client order ids, kept in MQL5\Files so that it survives a restart.
//--- One line per change: id TAB state TAB retcode TAB order TAB magic TAB answer; the last line of an id wins.
//--- state S: OrderSend under way; U: OrderSend answered without a deal to show; F: answer is the RESULT tail.
string   g_jIds[];
string   g_jStates[];
long     g_jRetcodes[];
long     g_jOrders[];
long     g_jMagics[];
string   g_jAnswers[];

//+------------------------------------------------------------------+
int OnInit()
  {
   if(BridgeSecret == "")
     {
      Print("ReleatBridge: set the BridgeSecret input to the gateway's Mt5Bridge:SharedSecret");
      return(INIT_PARAMETERS_INCORRECT);
     }
   EventSetMillisecondTimer(TimerMilliseconds);
   return(INIT_SUCCEEDED);
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Disconnect("expert removed");
  }

void OnTimer()
  {
   // HELLO describes the account: wait until the terminal is logged in and connected to the trade server,
   // and start again when the account changes.
   long login = AccountInfoInteger(ACCOUNT_LOGIN);
   if(g_socket != INVALID_HANDLE && login != 0 && login != g_login)
      Disconnect("the terminal logged in to another account");
   if(g_socket == INVALID_HANDLE || !SocketIsConnected(g_socket))
     {
      if(login == 0 || !TerminalInfoInteger(TERMINAL_CONNECTED))
         return;
      if(!Connect())
         return;
     }
   ReadIncoming();
   if(!g_welcomed)
      return;
   StreamTicks();
   datetime now = TimeLocal();
   long offset = ServerUtcOffset();
   if(offset != g_lastOffset || now - g_lastClock >= 60)
     {
      if(SendLine(StringFormat("CLOCK\t%I64d", offset)))
        {
         g_lastOffset = offset;
         g_lastClock = now;
        }
     }
   if(now - g_lastAccount >= AccountEverySeconds)
     {
      g_lastAccount = now;
      SendAccount(0);
     }
  }

//--- Connection ----------------------------------------------------
bool Connect()
  {
   if(TimeLocal() < g_nextConnect)
      return(false);
   g_nextConnect = TimeLocal() + ReconnectSeconds;
   Disconnect("");
   g_login = AccountInfoInteger(ACCOUNT_LOGIN);
   JournalLoad();
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE)
     {
      Print("ReleatBridge: SocketCreate failed, error ", GetLastError());
      return(false);
     }
   if(!SocketConnect(g_socket, GatewayHost, GatewayPort, 2000))
     {
      Print("ReleatBridge: cannot connect to ", GatewayHost, ":", GatewayPort, ", error ", GetLastError(),
            " (is the host in the allowed URL list?)");
      Disconnect("");
      return(false);
     }
   return(true);
  }

void Disconnect(string reason)
  {
   if(g_socket != INVALID_HANDLE)
     {
      SocketClose(g_socket);
      if(reason != "")
         Print("ReleatBridge: disconnected: ", reason);
     }
   g_socket = INVALID_HANDLE;
   g_welcomed = false;
   g_inbox = "";
  }

// Sends one line; false when it was not sent. Only a socket that is no longer connected ends the connection:
// a send that failed for another reason is reported and the caller tries again later.
bool SendLine(string line)
  {
   if(g_socket == INVALID_HANDLE)
      return(false);
   uchar bytes[];
   int count = StringToCharArray(line + "\n", bytes, 0, WHOLE_ARRAY, CP_UTF8) - 1; // drop the terminating zero
   if(SocketSend(g_socket, bytes, count) == count)
      return(true);
   int error = GetLastError();
   if(!SocketIsConnected(g_socket))
      Disconnect("send failed, error " + IntegerToString(error));
   else
      Print("ReleatBridge: send failed, error ", error, "; will try again");
   return(false);
  }

void ReadIncoming()
  {
   // SocketIsReadable may announce bytes that are not there yet, and SocketRead may time out: neither is a lost
   // connection. Only SocketIsConnected() == false is.
   uint available = SocketIsReadable(g_socket);
   if(available == 0)
     {
      if(!SocketIsConnected(g_socket))
         Disconnect("connection closed by the gateway");
      return;
     }
   uchar bytes[];
   int read = SocketRead(g_socket, bytes, available, 100);
   if(read <= 0)
     {
      if(!SocketIsConnected(g_socket))
         Disconnect("read failed, error " + IntegerToString(GetLastError()));
      return;
     }
   // The gateway sends ASCII only (ids, symbols, numbers), so a read never splits a character.
   g_inbox += CharArrayToString(bytes, 0, read, CP_UTF8);
   int end;
   while((end = StringFind(g_inbox, "\n")) >= 0)
     {
      string line = StringSubstr(g_inbox, 0, end);
      g_inbox = StringSubstr(g_inbox, end + 1);
      HandleLine(line);
      if(g_socket == INVALID_HANDLE)
         return;
     }
  }

//--- Commands from the gateway -------------------------------------
void HandleLine(string line)
  {
   string f[];
   int n = StringSplit(line, '\t', f);
   if(n <= 0)
      return;
   string type = f[0];
   if(type == "CHALLENGE" && n == 3)
     {
      SendHello(f[2]);
      return;
     }
   if(type == "WELCOME")
     {
      g_welcomed = true;
      Print("ReleatBridge: connected to the gateway at ", GatewayHost, ":", GatewayPort);
      return;
     }
   if(type == "DENIED")
     {
      Print("ReleatBridge: the gateway refused this terminal: ", n > 1 ? f[1] : "");
      g_nextConnect = TimeLocal() + 30;
      Disconnect("denied");
      return;
     }
   if(!g_welcomed)
      return;
   long id = (n > 1 && IsWhole(f[1])) ? StringToInteger(f[1]) : 0;
   if(type == "SUBSCRIBE")
     {
      for(int i = 1; i < n; i++)
         Subscribe(f[i]);
     }
   else if(type == "ORDER" && n == 9 && id > 0 && IsClientOrderId(f[2]) && (f[4] == "buy" || f[4] == "sell")
           && IsNumber(f[5]) && IsNumber(f[6]) && IsNumber(f[7]) && IsWhole(f[8]))
      ExecuteOrder(id, f[2], f[3], f[4] == "buy", StringToDouble(f[5]), StringToDouble(f[6]), StringToDouble(f[7]),
                   StringToInteger(f[8]));
   else if(type == "CLOSE" && n == 5 && id > 0 && IsClientOrderId(f[2]) && IsWhole(f[3]) && IsNumber(f[4]))
      ClosePosition(id, f[2], StringToInteger(f[3]), StringToDouble(f[4]));
   else if(type == "FIND" && n == 3 && id > 0 && IsClientOrderId(f[2]))
      Find(id, f[2]);
   else if(type == "GET_POSITIONS" && n == 2 && id > 0)
      SendPositions(id);
   else if(type == "GET_ACCOUNT" && n == 2 && id > 0)
      SendAccount(id);
   else if(type == "PING" && n == 2)
      SendLine("PONG\t" + f[1]);
   else
     {
      // Answer at once, so the gateway does not wait for a RESULT that will never come.
      Print("ReleatBridge: refused a malformed line from the gateway: ", line);
      SendLine(StringFormat("ERROR\t%I64d\tmalformed %s (%d fields)", id, Clean(type), n - 1));
     }
  }

void SendHello(string nonce)
  {
   long marginMode = AccountInfoInteger(ACCOUNT_MARGIN_MODE);
   string margin = marginMode == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? "hedging"
                   : marginMode == ACCOUNT_MARGIN_MODE_EXCHANGE ? "exchange" : "netting";
   long tradeMode = AccountInfoInteger(ACCOUNT_TRADE_MODE);
   string trade = tradeMode == ACCOUNT_TRADE_MODE_DEMO ? "demo"
                  : tradeMode == ACCOUNT_TRADE_MODE_CONTEST ? "contest" : "real";
   g_lastOffset = ServerUtcOffset();
   SendLine(StringFormat("HELLO\t%d\t%s\t%I64d\t%s\t%s\t%s\t%I64d\t%s\t%s\t%I64d",
                         PROTOCOL_VERSION, HmacSha256Hex(BridgeSecret, nonce),
                         AccountInfoInteger(ACCOUNT_LOGIN), Clean(AccountInfoString(ACCOUNT_SERVER)),
                         Clean(AccountInfoString(ACCOUNT_COMPANY)), AccountInfoString(ACCOUNT_CURRENCY),
                         AccountInfoInteger(ACCOUNT_LEVERAGE), margin, trade, g_lastOffset));
  }

void Subscribe(string symbol)
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
      if(g_symbols[i] == symbol)
         return;
   if(!SymbolSelect(symbol, true))
     {
      // The gateway logs it: usually a broker suffix missing from Mt5Bridge:SymbolMap.
      SendLine("ERROR\t0\tunknown symbol " + Clean(symbol) + " (map it in Mt5Bridge:SymbolMap)");
      return;
     }
   int k = ArraySize(g_symbols);
   ArrayResize(g_symbols, k + 1);
   ArrayResize(g_lastTickMsc, k + 1);
   ArrayResize(g_sentAtLastMsc, k + 1);
   g_symbols[k] = symbol;
   MqlTick now;
   g_lastTickMsc[k] = SymbolInfoTick(symbol, now) ? (long)now.time_msc : (long)TimeTradeServer() * 1000;
   g_sentAtLastMsc[k] = 0;
  }

//--- Ticks -----------------------------------------------------------
// CopyTicks from the last sent time, skipping the ticks of that millisecond already sent, so none is lost
// or repeated even when several ticks share a millisecond. The counters move only when a tick was sent.
void StreamTicks()
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      MqlTick ticks[];
      int count = CopyTicks(g_symbols[i], ticks, COPY_TICKS_ALL, (ulong)g_lastTickMsc[i], 5000);
      int skip = g_sentAtLastMsc[i];
      int digits = (int)SymbolInfoInteger(g_symbols[i], SYMBOL_DIGITS);
      for(int t = 0; t < count; t++)
        {
         if((long)ticks[t].time_msc == g_lastTickMsc[i] && skip > 0)
           {
            skip--;
            continue;
           }
         bool sent = SendLine(StringFormat("TICK\t%s\t%I64d\t%s\t%s\t%s\t%s\t%u", g_symbols[i], ticks[t].time_msc,
                                           DoubleToString(ticks[t].bid, digits), DoubleToString(ticks[t].ask, digits),
                                           DoubleToString(ticks[t].last, digits), DoubleToString(ticks[t].volume_real, 8),
                                           ticks[t].flags));
         if(!sent)
            return;   // the same tick is sent again next time
         if((long)ticks[t].time_msc == g_lastTickMsc[i])
            g_sentAtLastMsc[i]++;
         else
           {
            g_lastTickMsc[i] = (long)ticks[t].time_msc;
            g_sentAtLastMsc[i] = 1;
           }
        }
     }
  }

//--- Orders ------------------------------------------------------------
void ExecuteOrder(long requestId, string clientOrderId, string symbol, bool buy, double volume,
                  double sl, double tp, long magic)
  {
   if(AnswerIfKnown(requestId, clientOrderId))
      return;
   if(!SymbolSelect(symbol, true))
     {
      SendRefusal(requestId, clientOrderId, TRADE_RETCODE_INVALID, "unknown symbol " + symbol);
      return;
     }
   double lots = 0;
   string why = "";
   if(!RoundVolume(symbol, volume, lots, why))
     {
      SendRefusal(requestId, clientOrderId, TRADE_RETCODE_INVALID_VOLUME, why);
      return;
     }
   MqlTradeRequest request = {};
   request.action = TRADE_ACTION_DEAL;
   request.symbol = symbol;
   request.volume = lots;
   request.type = buy ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   request.price = SymbolInfoDouble(symbol, buy ? SYMBOL_ASK : SYMBOL_BID);
   request.sl = sl;
   request.tp = tp;
   request.deviation = SlippagePoints;
   request.magic = (ulong)magic;
   request.comment = clientOrderId;
   request.type_filling = FillingMode(symbol);
   Trade(requestId, clientOrderId, request);
  }

// Closes (part of) the position with this identifier (POSITION_IDENTIFIER), whatever its ticket is now.
void ClosePosition(long requestId, string clientOrderId, long positionId, double volume)
  {
   if(AnswerIfKnown(requestId, clientOrderId))
      return;
   ulong ticket = TicketOfPosition(positionId);
   if(ticket == 0 || !PositionSelectByTicket(ticket))
     {
      SendRefusal(requestId, clientOrderId, TRADE_RETCODE_POSITION_CLOSED,
                  "no open position with identifier " + IntegerToString(positionId));
      return;
     }
   string symbol = PositionGetString(POSITION_SYMBOL);
   bool isLong = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY;
   double held = PositionGetDouble(POSITION_VOLUME);
   long magic = PositionGetInteger(POSITION_MAGIC);
   double lots = 0;
   string why = "";
   if(!RoundVolume(symbol, volume > 0 ? MathMin(volume, held) : held, lots, why))
     {
      SendRefusal(requestId, clientOrderId, TRADE_RETCODE_INVALID_VOLUME, why);
      return;
     }
   MqlTradeRequest request = {};
   request.action = TRADE_ACTION_DEAL;
   request.position = ticket;
   request.symbol = symbol;
   request.volume = lots;
   request.type = isLong ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
   request.price = SymbolInfoDouble(symbol, isLong ? SYMBOL_BID : SYMBOL_ASK);
   request.deviation = SlippagePoints;
   request.magic = (ulong)magic;
   request.comment = clientOrderId;
   request.type_filling = FillingMode(symbol);
   Trade(requestId, clientOrderId, request);
  }

// The one place that calls OrderSend. The journal says "started" before it, so a crash inside it is never
// followed by a second trade; afterwards it holds what the server said, and the deal once it is in the history.
void Trade(long requestId, string clientOrderId, MqlTradeRequest &request)
  {
   JournalSet(clientOrderId, "S", RETCODE_UNKNOWN, 0, (long)request.magic, "");
   MqlTradeResult result = {};
   if(!OrderSend(request, result))
      Print("ReleatBridge: OrderSend ", clientOrderId, " answered ", result.retcode, " ", result.comment);
   uint retcode = result.retcode;
   if(IsTransient(retcode) || IsRefusal(retcode))
     {
      // Nothing traded: forget the id, so that the gateway may send it again.
      JournalSet(clientOrderId, "R", retcode, 0, (long)request.magic, "");
      SendRefusal(requestId, clientOrderId, retcode, result.comment);
      return;
     }
   JournalSet(clientOrderId, "U", retcode, (long)result.order, (long)request.magic, "");
   string answer = "";
   if((retcode == TRADE_RETCODE_DONE || retcode == TRADE_RETCODE_DONE_PARTIAL)
      && WaitForDeals(clientOrderId, result.order, retcode, answer))
     {
      SendLine(StringFormat("RESULT\t%I64d\t%s\t%s", requestId, clientOrderId, answer));
      return;
     }
   // Done without its deal in the history yet, placed, or unknown (timeout, no connection, error): the
   // gateway asks again with FIND until it knows. Never a position 0 presented as a fill.
   string note = retcode == TRADE_RETCODE_PLACED ? "placed"
                 : (retcode == TRADE_RETCODE_DONE || retcode == TRADE_RETCODE_DONE_PARTIAL) ? "deal not yet in history"
                 : Clean(result.comment);
   SendLine(StringFormat("RESULT\t%I64d\t%s\t%u\t%I64u\t0\t0\t0\t%I64d\t0\t0\t0\t0\t%s", requestId, clientOrderId,
                         retcode, result.order, (long)TimeTradeServer() * 1000, note));
  }

bool WaitForDeals(string clientOrderId, ulong order, uint retcode, string &answer)
  {
   uint start = GetTickCount();   // unsigned difference: right across the counter's wrap-around
   while(true)
     {
      if(FromDeals(clientOrderId, (long)order, retcode, answer))
         return(true);
      if(GetTickCount() - start >= (uint)FillWaitMs || IsStopped())
         return(false);
      Sleep(50);
     }
  }

//--- Never twice: what is known of a client order id --------------------
void Find(long requestId, string clientOrderId)
  {
   string answer = "";
   if(Lookup(clientOrderId, answer))
      SendLine(StringFormat("RESULT\t%I64d\t%s\t%s", requestId, clientOrderId, answer));
   else
      SendLine(StringFormat("NOT_FOUND\t%I64d\t%s", requestId, clientOrderId));
  }

// Before any OrderSend: an id that traded, is placed, or was sent with an outcome still unknown is answered
// from what is known, never sent again.
bool AnswerIfKnown(long requestId, string clientOrderId)
  {
   string answer = "";
   if(Lookup(clientOrderId, answer))
     {
      SendLine(StringFormat("RESULT\t%I64d\t%s\t%s", requestId, clientOrderId, answer));
      return(true);
     }
   int j = JournalFind(clientOrderId);
   if(j >= 0 && (g_jStates[j] == "S" || g_jStates[j] == "U"))
     {
      SendRefusal(requestId, clientOrderId, (uint)g_jRetcodes[j],
                  "an earlier OrderSend ended with " + IntegerToString(g_jRetcodes[j]) + "; not sent again");
      return(true);
     }
   return(false);
  }

// The RESULT tail (retcode .. comment) for this id, from the journal, the history (by comment and magic, or
// by the order ticket when the server rewrote the comment), the open positions or the placed orders.
bool Lookup(string clientOrderId, string &answer)
  {
   int j = JournalFind(clientOrderId);
   if(j >= 0 && g_jStates[j] == "F")
     {
      answer = g_jAnswers[j];
      return(true);
     }
   long order = j >= 0 ? g_jOrders[j] : 0;
   uint retcode = (j >= 0 && g_jRetcodes[j] == TRADE_RETCODE_DONE_PARTIAL) ? TRADE_RETCODE_DONE_PARTIAL : TRADE_RETCODE_DONE;
   if(FromDeals(clientOrderId, order, retcode, answer))
      return(true);
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0)
         continue;
      long identifier = PositionGetInteger(POSITION_IDENTIFIER);
      if(PositionGetString(POSITION_COMMENT) != clientOrderId && (order == 0 || identifier != order))
         continue;
      answer = StringFormat("%u\t%I64d\t0\t%.8f\t%s\t%I64d\t%I64d\t0\t0\t0\tfrom the open position; history not synced yet",
                            TRADE_RETCODE_DONE, order, PositionGetDouble(POSITION_VOLUME),
                            DoubleToString(PositionGetDouble(POSITION_PRICE_OPEN), 8),
                            PositionGetInteger(POSITION_TIME_MSC), identifier);
      return(true);
     }
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0)
         continue;
      if(OrderGetString(ORDER_COMMENT) != clientOrderId && (order == 0 || (long)ticket != order))
         continue;
      answer = StringFormat("%u\t%I64u\t0\t0\t0\t%I64d\t0\t0\t0\t0\tplaced", TRADE_RETCODE_PLACED, ticket,
                            (long)TimeTradeServer() * 1000);
      return(true);
     }
   if(j < 0)
      return(false);
   if(g_jStates[j] == "S")
     {
      answer = StringFormat("%d\t0\t0\t0\t0\t%I64d\t0\t0\t0\t0\tsent before a restart; no trace yet", RETCODE_UNKNOWN,
                            (long)TimeTradeServer() * 1000);
      return(true);
     }
   if(g_jStates[j] == "U" && (g_jRetcodes[j] == TRADE_RETCODE_DONE || g_jRetcodes[j] == TRADE_RETCODE_DONE_PARTIAL))
     {
      answer = StringFormat("%I64d\t%I64d\t0\t0\t0\t%I64d\t0\t0\t0\t0\tdone; deal not yet in history", g_jRetcodes[j], order,
                            (long)TimeTradeServer() * 1000);
      return(true);
     }
   return(false);
  }

// Sums the deals of this id in the recent history: volume, volume-weighted price, profit, commission, swap;
// the position identifier is DEAL_POSITION_ID. Remembers the answer in the journal.
bool FromDeals(string clientOrderId, long order, uint retcode, string &answer)
  {
   if(!HistorySelect(TimeCurrent() - HISTORY_DAYS * 86400, TimeCurrent() + 86400))
      return(false);
   int j = JournalFind(clientOrderId);
   long magic = j >= 0 ? g_jMagics[j] : 0;
   double volume = 0, notional = 0, profit = 0, commission = 0, swap = 0;
   long position = 0, timeMsc = 0, lastOrder = order;
   ulong lastDeal = 0;
   int found = 0;
   int total = HistoryDealsTotal();
   for(int i = 0; i < total; i++)
     {
      ulong deal = HistoryDealGetTicket(i);
      if(deal == 0)
         continue;
      long dealOrder = HistoryDealGetInteger(deal, DEAL_ORDER);
      bool byOrder = order != 0 && dealOrder == order;
      bool byComment = HistoryDealGetString(deal, DEAL_COMMENT) == clientOrderId
                       && (magic == 0 || HistoryDealGetInteger(deal, DEAL_MAGIC) == magic);
      if(!byOrder && !byComment)
         continue;
      double dealVolume = HistoryDealGetDouble(deal, DEAL_VOLUME);
      volume += dealVolume;
      notional += dealVolume * HistoryDealGetDouble(deal, DEAL_PRICE);
      profit += HistoryDealGetDouble(deal, DEAL_PROFIT);
      commission += HistoryDealGetDouble(deal, DEAL_COMMISSION);
      swap += HistoryDealGetDouble(deal, DEAL_SWAP);
      if(position == 0)
         position = HistoryDealGetInteger(deal, DEAL_POSITION_ID);
      timeMsc = HistoryDealGetInteger(deal, DEAL_TIME_MSC);
      lastOrder = dealOrder;
      lastDeal = deal;
      found++;
     }
   if(found == 0 || volume <= 0 || position == 0)
      return(false);
   answer = StringFormat("%u\t%I64d\t%I64u\t%.8f\t%s\t%I64d\t%I64d\t%.2f\t%.2f\t%.2f\t%s", retcode, lastOrder, lastDeal, volume,
                         DoubleToString(notional / volume, 8), timeMsc, position, profit, commission, swap, clientOrderId);
   JournalSet(clientOrderId, "F", retcode, lastOrder, magic, answer);
   return(true);
  }

void SendRefusal(long requestId, string clientOrderId, uint retcode, string comment)
  {
   SendLine(StringFormat("RESULT\t%I64d\t%s\t%u\t0\t0\t0\t0\t%I64d\t0\t0\t0\t0\t%s", requestId, clientOrderId, retcode,
                         (long)TimeTradeServer() * 1000, Clean(comment == "" ? "refused" : comment)));
  }

ulong TicketOfPosition(long identifier)
  {
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket != 0 && PositionGetInteger(POSITION_IDENTIFIER) == identifier)
         return(ticket);
     }
   return(0);
  }

bool IsTransient(uint retcode)
  {
   return(retcode == TRADE_RETCODE_REQUOTE || retcode == TRADE_RETCODE_PRICE_CHANGED || retcode == TRADE_RETCODE_PRICE_OFF);
  }

// A definite refusal: nothing traded. Unknown outcomes (0, error, timeout, no connection), placed and done
// are not refusals.
bool IsRefusal(uint retcode)
  {
   return(retcode != RETCODE_UNKNOWN && retcode != TRADE_RETCODE_ERROR && retcode != TRADE_RETCODE_TIMEOUT
          && retcode != TRADE_RETCODE_CONNECTION && retcode != TRADE_RETCODE_PLACED && retcode != TRADE_RETCODE_DONE
          && retcode != TRADE_RETCODE_DONE_PARTIAL && !IsTransient(retcode));
  }

// The volume on the symbol's step, or false (with the reason) when it falls outside its minimum and maximum.
bool RoundVolume(string symbol, double volume, double &lots, string &why)
  {
   double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
   double least = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN);
   double most = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MAX);
   if(step <= 0)
      step = least > 0 ? least : 0.01;
   lots = NormalizeDouble(MathRound(volume / step) * step, 8);
   if(lots < least || (most > 0 && lots > most))
     {
      why = StringFormat("volume %.8f rounds to %.8f, outside %s's %.8f..%.8f (step %.8f)", volume, lots, symbol, least, most, step);
      return(false);
     }
   return(true);
  }

ENUM_ORDER_TYPE_FILLING FillingMode(string symbol)
  {
   long modes = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   if((modes & SYMBOL_FILLING_FOK) != 0)
      return(ORDER_FILLING_FOK);
   if((modes & SYMBOL_FILLING_IOC) != 0)
      return(ORDER_FILLING_IOC);
   return(ORDER_FILLING_RETURN);
  }

//--- The journal file ----------------------------------------------------
string JournalName()
  {
   return(StringFormat("ReleatBridge-%I64d.journal", g_login));
  }

int JournalFind(string clientOrderId)
  {
   for(int i = ArraySize(g_jIds) - 1; i >= 0; i--)
      if(g_jIds[i] == clientOrderId)
         return(i);
   return(-1);
  }

void JournalRemember(string clientOrderId, string state, long retcode, long order, long magic, string answer)
  {
   int j = JournalFind(clientOrderId);
   if(state == "R")
     {
      if(j >= 0)
        {
         int last = ArraySize(g_jIds) - 1;
         g_jIds[j] = g_jIds[last];
         g_jStates[j] = g_jStates[last];
         g_jRetcodes[j] = g_jRetcodes[last];
         g_jOrders[j] = g_jOrders[last];
         g_jMagics[j] = g_jMagics[last];
         g_jAnswers[j] = g_jAnswers[last];
         JournalResize(last);
        }
      return;
     }
   if(j < 0)
     {
      j = ArraySize(g_jIds);
      JournalResize(j + 1);
      g_jIds[j] = clientOrderId;
     }
   g_jStates[j] = state;
   g_jRetcodes[j] = retcode;
   g_jOrders[j] = order;
   g_jMagics[j] = magic;
   g_jAnswers[j] = answer;
  }

void JournalResize(int size)
  {
   ArrayResize(g_jIds, size);
   ArrayResize(g_jStates, size);
   ArrayResize(g_jRetcodes, size);
   ArrayResize(g_jOrders, size);
   ArrayResize(g_jMagics, size);
   ArrayResize(g_jAnswers, size);
  }

// Remembers a change in memory and appends it to the file before anything else happens.
void JournalSet(string clientOrderId, string state, long retcode, long order, long magic, string answer)
  {
   JournalRemember(clientOrderId, state, retcode, order, magic, answer);
   int file = FileOpen(JournalName(), FILE_READ | FILE_WRITE | FILE_TXT | FILE_ANSI | FILE_SHARE_READ);
   if(file == INVALID_HANDLE)
     {
      Print("ReleatBridge: cannot write the journal ", JournalName(), ", error ", GetLastError());
      return;
     }
   FileSeek(file, 0, SEEK_END);
   FileWriteString(file, StringFormat("%s\t%s\t%I64d\t%I64d\t%I64d\t%s\r\n", clientOrderId, state, retcode, order, magic, answer));
   FileFlush(file);
   FileClose(file);
  }

void JournalLoad()
  {
   JournalResize(0);
   int file = FileOpen(JournalName(), FILE_READ | FILE_TXT | FILE_ANSI | FILE_SHARE_READ);
   if(file == INVALID_HANDLE)
      return;
   while(!FileIsEnding(file))
     {
      string line = FileReadString(file);
      string f[];
      int n = StringSplit(line, '\t', f);
      if(n < 5)
         continue;
      string answer = "";
      for(int i = 5; i < n; i++)
         answer += (i > 5 ? "\t" : "") + f[i];
      JournalRemember(f[0], f[1], StringToInteger(f[2]), StringToInteger(f[3]), StringToInteger(f[4]), answer);
     }
   FileClose(file);
  }

//--- Account and positions ------------------------------------------------
void SendAccount(long requestId)
  {
   SendLine(StringFormat("ACCOUNT\t%I64d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f", requestId,
                         AccountInfoDouble(ACCOUNT_BALANCE), AccountInfoDouble(ACCOUNT_EQUITY),
                         AccountInfoDouble(ACCOUNT_MARGIN), AccountInfoDouble(ACCOUNT_MARGIN_FREE),
                         AccountInfoDouble(ACCOUNT_MARGIN_LEVEL)));
  }

void SendPositions(long requestId)
  {
   int total = PositionsTotal();
   int sent = 0;
   for(int i = 0; i < total; i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0)
         continue;
      string symbol = PositionGetString(POSITION_SYMBOL);
      int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
      SendLine(StringFormat("POSITION\t%I64d\t%I64u\t%I64d\t%s\t%s\t%.8f\t%s\t%I64d\t%s\t%s\t%s\t%.2f\t%.2f\t%I64d\t%s",
                            requestId, ticket, PositionGetInteger(POSITION_IDENTIFIER), symbol,
                            PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? "buy" : "sell",
                            PositionGetDouble(POSITION_VOLUME),
                            DoubleToString(PositionGetDouble(POSITION_PRICE_OPEN), digits),
                            PositionGetInteger(POSITION_TIME_MSC),
                            DoubleToString(PositionGetDouble(POSITION_SL), digits),
                            DoubleToString(PositionGetDouble(POSITION_TP), digits),
                            DoubleToString(PositionGetDouble(POSITION_PRICE_CURRENT), digits),
                            PositionGetDouble(POSITION_PROFIT), PositionGetDouble(POSITION_SWAP),
                            PositionGetInteger(POSITION_MAGIC), Clean(PositionGetString(POSITION_COMMENT))));
      sent++;
     }
   SendLine(StringFormat("POSITIONS_END\t%I64d\t%d", requestId, sent));
  }

//--- Small pieces -------------------------------------------------------
// Trade-server time minus UTC now, rounded to 15 minutes (the two clocks are read a moment apart). Only right
// for times near now: the gateway converts each time by the broker's rules when Mt5Bridge:ServerTimeZone is set.
long ServerUtcOffset()
  {
   long seconds = (long)(TimeTradeServer() - TimeGMT());
   return((long)MathRound(seconds / 900.0) * 900);
  }

string Clean(string text)
  {
   StringReplace(text, "\t", " ");
   StringReplace(text, "\n", " ");
   StringReplace(text, "\r", " ");
   return(text);
  }

bool IsWhole(string text)
  {
   int n = StringLen(text);
   if(n == 0 || n > 19)
      return(false);
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(text, i);
      if(!((c >= '0' && c <= '9') || (i == 0 && c == '-' && n > 1)))
         return(false);
     }
   return(true);
  }

// A plain decimal number as the gateway writes it ("R" format: digits, sign, point, exponent).
bool IsNumber(string text)
  {
   int n = StringLen(text);
   if(n == 0 || n > 32)
      return(false);
   bool digit = false;
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(text, i);
      if(c >= '0' && c <= '9')
         digit = true;
      else if(c != '.' && c != '-' && c != '+' && c != 'E' && c != 'e')
         return(false);
     }
   return(digit);
  }

bool IsClientOrderId(string text)
  {
   return(StringLen(text) > 0 && StringLen(text) <= 31);
  }

// HMAC-SHA256 (RFC 2104) on top of CryptEncode's plain SHA-256, which takes no key.
string HmacSha256Hex(string secret, string message)
  {
   uchar key[], text[], empty[], block[64], inner[], outer[], digest[];
   StringToCharArray(secret, key, 0, WHOLE_ARRAY, CP_UTF8);
   ArrayResize(key, ArraySize(key) - 1);
   StringToCharArray(message, text, 0, WHOLE_ARRAY, CP_UTF8);
   ArrayResize(text, ArraySize(text) - 1);
   if(ArraySize(key) > 64)
     {
      uchar hashed[];
      CryptEncode(CRYPT_HASH_SHA256, key, empty, hashed);
      ArrayCopy(key, hashed);
      ArrayResize(key, 32);
     }
   ArrayInitialize(block, 0);
   ArrayCopy(block, key);
   ArrayResize(inner, 64 + ArraySize(text));
   for(int i = 0; i < 64; i++)
      inner[i] = (uchar)(block[i] ^ 0x36);
   ArrayCopy(inner, text, 64);
   uchar innerHash[];
   CryptEncode(CRYPT_HASH_SHA256, inner, empty, innerHash);
   ArrayResize(outer, 64 + 32);
   for(int i = 0; i < 64; i++)
      outer[i] = (uchar)(block[i] ^ 0x5c);
   ArrayCopy(outer, innerHash, 64);
   CryptEncode(CRYPT_HASH_SHA256, outer, empty, digest);
   string hex = "";
   for(int i = 0; i < ArraySize(digest); i++)
      hex += StringFormat("%02x", digest[i]);
   return(hex);
  }
//+------------------------------------------------------------------+
