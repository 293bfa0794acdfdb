/** Simplified Chinese texts for ipvs-persist's message ids (mirrors ../en/ipvs-persist.ts). */
export const ipvsPersistMessages: Readonly<Record<string, string>> = {
  'ipvs.persist.templateAssured': '模板变为 ASSURED：它所控制的某个连接已进入 ESTABLISHED（或者收到了 UDP 响应）。此后提前删除的连接不再把这个模板一起带走；模板一直存在，直到它自己的定时器到期。',
  'ipvs.persist.templateNew':
    '新的持久连接模板（客户端端口为 0，状态 {state}）；它计入真实服务器的 PersistConn，而不计入 ActiveConn/InActConn',
  'ipvs.persist.pick':
    '{scheduler} 为 {service} 选中了真实服务器 {rs}；客户端网络 {client} 的持久连接模板会让它之后的连接也发往这台服务器',
  'ipvs.persist.hit':
    '持久连接：客户端网络 {client} 已有 {service} 的模板，因此连接不经调度算法，直接发往 {rs}（这里权重 {weight} 不起作用）',
  'ipvs.persist.noDest': '{scheduler}：{service} - 没有可用的真实服务器（"no destination available"），无法建立新的持久连接模板',
  'ipvs.persist.invalidDeleted':
    '客户端网络 {client} 的模板指向已被删除的 {rs}：模板被置为不可匹配（端口 65535），由调度算法重新选择',
  'ipvs.persist.invalidQuiescent':
    '客户端网络 {client} 的模板指向权重为 0 的 {rs}，且 expire_quiescent_template=1：模板被置为不可匹配，由调度算法重新选择',
  'ipvs.persist.portZeroNotPersistent':
    '{service} 的端口为 0，却不是持久服务：IPVS 丢弃该数据包（"port zero only supported in persistent services"）',
};
