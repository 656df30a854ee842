/** `nos.transport`: Python's `nos.transport` module (the default `Transport` and its contract types). */
export {
  DEFAULT_END_POINT,
  type NosRequest,
  type NosResponse,
  type NosTransport,
  type NosTransportClass,
  Transport,
  type TransportOptions,
} from './transport.ts';
