//+------------------------------------------------------------------+
//| ReleatBridge.mq5                                                 |
//| Connects this MetaTrader 5 terminal to the releat mt5-gateway:   |
//| streams ticks and account state, executes the gateway's orders.  |
//| Protocol: PROTOCOL.md beside this file. Install: INSTALL.md.     |
//+------------------------------------------------------------------+
#property copyright   "releat"
#property version     "1.00"
#property description "Streams ticks to the releat mt5-gateway and executes its orders."
#property description "Add the gateway host to Tools > Options > Expert Advisors > Allow WebRequest for listed URL."

input string GatewayHost         = "127.0.0.1"; // Gateway address (must be in the allowed URL list)
input ushort GatewayPort         = 7001;        // Gateway bridge port (Mt5Bridge:Port)
input string BridgeSecret        = "";          // Shared secret, same as the gateway's Mt5Bridge:SharedSecret
input int    TimerMilliseconds   = 10;          // How often to poll for ticks and commands
input int    AccountEverySeconds = 5;           // How often to push account state
input int    ReconnectSeconds    = 2;           // Wait between connection attempts
input ulong  SlippagePoints      = 10;          // Accepted deviation from the requested price

const int    PROTOCOL_VERSION = 1;
const int    HISTORY_DAYS     = 7;              // How far back an order id is looked up before trading again

int      g_socket        = INVALID_HANDLE;
bool     g_welcomed      = false;
string   g_inbox         = "";                  // Received text not yet ending in a line feed
datetime g_nextConnect   = 0;
datetime g_lastAccount   = 0;
datetime g_lastClock     = 0;
long     g_lastOffset    = 0;
string   g_symbols[];                           // Subscribed symbols
long     g_lastTickMsc[];                       // Time of the last tick sent, per symbol
int      g_sentAtLastMsc[];                     // How many ticks with that time were sent, per symbol

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
   if(g_socket == INVALID_HANDLE || !SocketIsConnected(g_socket))
     {
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
      g_lastOffset = offset;
      g_lastClock = now;
      SendLine(StringFormat("CLOCK\t%I64d", offset));
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

void SendLine(string line)
  {
   if(g_socket == INVALID_HANDLE)
      return;
   uchar bytes[];
   int count = StringToCharArray(line + "\n", bytes, 0, WHOLE_ARRAY, CP_UTF8) - 1; // drop the terminating zero
   if(SocketSend(g_socket, bytes, count) != count)
      Disconnect("send failed, error " + IntegerToString(GetLastError()));
  }

void ReadIncoming()
  {
   uint available = SocketIsReadable(g_socket);
   if(available == 0)
      return;
   uchar bytes[];
   int read = SocketRead(g_socket, bytes, available, 100);
   if(read <= 0)
     {
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
   if(n == 0)
      return;
   string type = f[0];
   if(type == "CHALLENGE" && n == 3)
      SendHello(f[2]);
   else if(type == "WELCOME")
     {
      g_welcomed = true;
      Print("ReleatBridge: connected to the gateway at ", GatewayHost, ":", GatewayPort);
     }
   else if(type == "DENIED")
     {
      Print("ReleatBridge: the gateway refused this terminal: ", n > 1 ? f[1] : "");
      g_nextConnect = TimeLocal() + 30;
      Disconnect("denied");
     }
   else if(!g_welcomed)
      return;
   else if(type == "SUBSCRIBE")
     {
      for(int i = 1; i < n; i++)
         Subscribe(f[i]);
     }
   else if(type == "ORDER" && n == 9)
      ExecuteOrder(StringToInteger(f[1]), f[2], f[3], f[4] == "buy", StringToDouble(f[5]),
                   StringToDouble(f[6]), StringToDouble(f[7]), StringToInteger(f[8]));
   else if(type == "CLOSE" && n == 5)
      ClosePosition(StringToInteger(f[1]), f[2], (ulong)StringToInteger(f[3]), StringToDouble(f[4]));
   else if(type == "GET_POSITIONS" && n == 2)
      SendPositions(StringToInteger(f[1]));
   else if(type == "GET_ACCOUNT" && n == 2)
      SendAccount(StringToInteger(f[1]));
   else if(type == "PING" && n == 2)
      SendLine("PONG\t" + f[1]);
   else
      Print("ReleatBridge: ignored a line the gateway sent: ", line);
  }

void SendHello(string nonce)
  {
   string mode = AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? "hedging" : "netting";
   g_lastOffset = ServerUtcOffset();
   SendLine(StringFormat("HELLO\t%d\t%s\t%I64d\t%s\t%s\t%s\t%I64d\t%s\t%I64d",
                         PROTOCOL_VERSION, HmacSha256Hex(BridgeSecret, nonce),
                         AccountInfoInteger(ACCOUNT_LOGIN), Clean(AccountInfoString(ACCOUNT_SERVER)),
                         Clean(AccountInfoString(ACCOUNT_COMPANY)), AccountInfoString(ACCOUNT_CURRENCY),
                         AccountInfoInteger(ACCOUNT_LEVERAGE), mode, g_lastOffset));
  }

void Subscribe(string symbol)
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
      if(g_symbols[i] == symbol)
         return;
   if(!SymbolSelect(symbol, true))
     {
      Print("ReleatBridge: unknown symbol ", symbol);
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
// or repeated even when several ticks share a millisecond.
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
         SendLine(StringFormat("TICK\t%s\t%I64d\t%s\t%s\t%s\t%s\t%u", g_symbols[i], ticks[t].time_msc,
                               DoubleToString(ticks[t].bid, digits), DoubleToString(ticks[t].ask, digits),
                               DoubleToString(ticks[t].last, digits), DoubleToString(ticks[t].volume_real, 8),
                               ticks[t].flags));
         if((long)ticks[t].time_msc == g_lastTickMsc[i])
            g_sentAtLastMsc[i]++;
         else
           {
            g_lastTickMsc[i] = (long)ticks[t].time_msc;
            g_sentAtLastMsc[i] = 1;
           }
         if(g_socket == INVALID_HANDLE)
            return;
        }
     }
  }

//--- Orders ------------------------------------------------------------
void ExecuteOrder(long requestId, string clientOrderId, string symbol, bool buy, double volume,
                  double sl, double tp, long magic)
  {
   if(AnswerIfAlreadyDone(requestId, clientOrderId))
      return;
   MqlTradeRequest request = {};
   MqlTradeResult result = {};
   request.action = TRADE_ACTION_DEAL;
   request.symbol = symbol;
   request.volume = volume;
   request.type = buy ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   request.price = SymbolInfoDouble(symbol, buy ? SYMBOL_ASK : SYMBOL_BID);
   request.sl = sl;
   request.tp = tp;
   request.deviation = SlippagePoints;
   request.magic = (ulong)magic;
   request.comment = clientOrderId;
   request.type_filling = FillingMode(symbol);
   if(!OrderSend(request, result))
      Print("ReleatBridge: OrderSend ", clientOrderId, " failed: ", result.retcode, " ", result.comment);
   SendResult(requestId, result, clientOrderId);
  }

void ClosePosition(long requestId, string clientOrderId, ulong ticket, double volume)
  {
   if(AnswerIfAlreadyDone(requestId, clientOrderId))
      return;
   MqlTradeResult result = {};
   if(!PositionSelectByTicket(ticket))
     {
      result.retcode = TRADE_RETCODE_POSITION_CLOSED;
      result.comment = "position not found";
      SendResult(requestId, result, clientOrderId);
      return;
     }
   string symbol = PositionGetString(POSITION_SYMBOL);
   bool isLong = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY;
   MqlTradeRequest request = {};
   request.action = TRADE_ACTION_DEAL;
   request.position = ticket;
   request.symbol = symbol;
   request.volume = volume > 0 ? volume : PositionGetDouble(POSITION_VOLUME);
   request.type = isLong ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
   request.price = SymbolInfoDouble(symbol, isLong ? SYMBOL_BID : SYMBOL_ASK);
   request.deviation = SlippagePoints;
   request.magic = (ulong)PositionGetInteger(POSITION_MAGIC);
   request.comment = clientOrderId;
   request.type_filling = FillingMode(symbol);
   if(!OrderSend(request, result))
      Print("ReleatBridge: close ", clientOrderId, " failed: ", result.retcode, " ", result.comment);
   SendResult(requestId, result, clientOrderId);
  }

// An order id already used by a deal in the recent history is answered from that deal: never trade twice.
bool AnswerIfAlreadyDone(long requestId, string clientOrderId)
  {
   if(!HistorySelect(TimeCurrent() - HISTORY_DAYS * 86400, TimeCurrent() + 86400))
      return(false);
   for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
     {
      ulong deal = HistoryDealGetTicket(i);
      if(HistoryDealGetString(deal, DEAL_COMMENT) != clientOrderId)
         continue;
      SendLine(StringFormat("RESULT\t%I64d\t%d\t%I64d\t%I64d\t%.8f\t%s\t%I64d\t%I64d\t%s", requestId, TRADE_RETCODE_DONE,
                            HistoryDealGetInteger(deal, DEAL_ORDER), deal, HistoryDealGetDouble(deal, DEAL_VOLUME),
                            DoubleToString(HistoryDealGetDouble(deal, DEAL_PRICE), 8),
                            HistoryDealGetInteger(deal, DEAL_TIME_MSC), HistoryDealGetInteger(deal, DEAL_POSITION_ID),
                            clientOrderId));
      return(true);
     }
   return(false);
  }

void SendResult(long requestId, MqlTradeResult &result, string clientOrderId)
  {
   long timeMsc = (long)TimeTradeServer() * 1000;
   long position = 0;
   if(result.deal > 0 && HistoryDealSelect(result.deal))
     {
      timeMsc = HistoryDealGetInteger(result.deal, DEAL_TIME_MSC);
      position = HistoryDealGetInteger(result.deal, DEAL_POSITION_ID);
     }
   SendLine(StringFormat("RESULT\t%I64d\t%u\t%I64u\t%I64u\t%.8f\t%s\t%I64d\t%I64d\t%s", requestId, result.retcode,
                         result.order, result.deal, result.volume, DoubleToString(result.price, 8), timeMsc,
                         position, Clean(result.comment == "" ? clientOrderId : result.comment)));
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
      SendLine(StringFormat("POSITION\t%I64d\t%I64u\t%s\t%s\t%.8f\t%s\t%I64d\t%s\t%s\t%s\t%.2f\t%.2f\t%I64d\t%s",
                            requestId, ticket, symbol,
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
// Trade-server time minus UTC, rounded to 15 minutes (the two clocks are read a moment apart).
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
