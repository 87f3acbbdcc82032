import { uiBehavior } from '../../behaviors/ui';
import {
  fetchNewMessages,
  loadChat,
  Poller,
  QUICK_REPLIES,
  saveChat,
  sendMessage,
  showsCrisis,
  type ChatAction,
  type ChatMessage,
  type ChatState,
} from '../../services/chat';
import { asApiError } from '../../services/errors';
import { getSettings, hotline } from '../../services/settings';
import { formatDateTime } from '../../utils/format';
import { callPhone, go, PAGES, TABS } from '../../utils/nav';

const SPEAKER: Record<ChatMessage['from'], string> = { me: '我', bot: '小助手', staff: '工作人员' };
const HANDOFF_TEXT = '我要找人工';

interface ActionView {
  type: ChatAction['type'];
  label: string;
  phone: string;
}

interface MessageView {
  id: string;
  from: ChatMessage['from'];
  speaker: string;
  text: string;
  time: string;
  sources: string;
  actions: ActionView[];
  choices: string[];
  failed: boolean;
}

function actionView(action: ChatAction, fallbackPhone: string): ActionView {
  const phone = action.phone || fallbackPhone;
  const labels: Record<ChatAction['type'], string> = {
    open_eligibility: '去做救助测算',
    open_apply: '去申请临时救助',
    open_cases: '看我的申请',
    call_hotline: `拨打热线 ${phone}`,
    handoff: '转人工服务',
  };
  return { type: action.type, label: labels[action.type] ?? '打开', phone };
}

function messageView(m: ChatMessage, phone: string): MessageView {
  return {
    id: m.id,
    from: m.from,
    speaker: SPEAKER[m.from],
    text: m.text,
    time: formatDateTime(m.at),
    sources: (m.sources ?? []).map((s) => `《${s.title}》${s.ref ?? ''}`).join('；'),
    actions: (m.actions ?? []).map((a) => actionView(a, phone)),
    choices: m.choices ?? [],
    failed: m.failed === true,
  };
}

/** Per page instance: the chat state and the hand-over poller. */
const states = new WeakMap<object, ChatState>();
const pollers = new WeakMap<object, Poller>();

let sequence = 0;
const localId = () => `local-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

Component({
  behaviors: [uiBehavior],
  data: {
    messages: [] as MessageView[],
    quickReplies: QUICK_REPLIES,
    input: '',
    sending: false,
    /** Danger words typed or answered: the banner with emergency numbers shows. */
    crisis: false,
    handoff: false,
    /** Set when the server cannot relay a person's replies here. */
    handoffNote: '',
    hotline: '12345',
  },
  methods: {
    onLoad() {
      const state = loadChat();
      states.set(this, state);
      this.render();
    },
    onShow() {
      this.setData({ hotline: hotline() });
      if (this.state().handoff) this.startPolling();
    },
    onHide() {
      this.stopPolling();
    },
    onUnload() {
      this.stopPolling();
    },

    state(): ChatState {
      let state = states.get(this);
      if (!state) {
        state = loadChat();
        states.set(this, state);
      }
      return state;
    },
    update(patch: Partial<ChatState>) {
      const next = { ...this.state(), ...patch };
      states.set(this, next);
      saveChat(next);
      this.render();
    },
    render() {
      const state = this.state();
      const phone = hotline();
      this.setData({
        messages: state.messages.map((m) => messageView(m, phone)),
        crisis: state.crisis || this.data.crisis,
        handoff: state.handoff,
        hotline: phone,
      });
      if (state.messages.length) wx.pageScrollTo?.({ selector: '#chat-end', duration: 200, fail: () => undefined });
    },

    onInput(e: WechatMiniprogram.Input) {
      const input = e.detail.value;
      // The banner shows as the words are typed, before any answer (or with no signal).
      this.setData({ input, crisis: this.state().crisis || showsCrisis(input) });
    },
    onSend() {
      const text = this.data.input.trim();
      if (text) void this.send(text);
    },
    onQuick(e: WechatMiniprogram.TouchEvent) {
      void this.send(String(e.currentTarget.dataset.text));
    },
    onRetry(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id);
      const failed = this.state().messages.find((m) => m.id === id);
      if (!failed) return;
      this.update({ messages: this.state().messages.filter((m) => m.id !== id) });
      void this.send(failed.text);
    },
    onAction(e: WechatMiniprogram.TouchEvent) {
      const { type, phone } = e.currentTarget.dataset as { type: ChatAction['type']; phone: string };
      if (type === 'open_eligibility') go(PAGES.wizard);
      else if (type === 'open_apply') go(PAGES.apply);
      else if (type === 'open_cases') go(TABS.cases);
      else if (type === 'call_hotline') callPhone(phone || this.data.hotline);
      else if (type === 'handoff') void this.send(HANDOFF_TEXT);
    },
    callHotline() {
      callPhone(this.data.hotline);
    },

    async send(text: string) {
      if (this.data.sending) return;
      const mine: ChatMessage = { id: localId(), from: 'me', text, at: new Date().toISOString() };
      const crisis = this.state().crisis || showsCrisis(text);
      this.setData({ input: '', sending: true, crisis });
      this.update({ messages: [...this.state().messages, mine], crisis });
      try {
        const answer = await sendMessage(text, this.state().sessionId, getSettings().region?.code ?? null);
        const reply: ChatMessage = {
          id: localId(),
          from: 'bot',
          text: answer.reply.text,
          at: new Date().toISOString(),
          sources: answer.reply.sources ?? [],
          actions: answer.reply.actions ?? [],
          choices: [...(answer.reply.guesses ?? []).map((g) => g.title), ...(answer.reply.guesses?.length ? ['都不是'] : [])],
        };
        this.update({
          sessionId: answer.sessionId,
          messages: [...this.state().messages, reply],
          crisis: crisis || answer.crisis,
          handoff: this.state().handoff || answer.handoff,
        });
        if (answer.handoff) this.startPolling();
      } catch (err) {
        const e = asApiError(err);
        const messages = this.state().messages.map((m) => (m.id === mine.id ? { ...m, failed: true } : m));
        messages.push({ id: localId(), from: 'bot', text: `${e.title}。点“重发”再试，着急请直接拨打热线 ${this.data.hotline}。`, at: new Date().toISOString() });
        this.update({ messages });
      } finally {
        this.setData({ sending: false });
      }
    },

    startPolling() {
      const sessionId = this.state().sessionId;
      if (!sessionId || pollers.get(this)?.active) return;
      const poller = new Poller({
        intervalMs: 5_000,
        maxIntervalMs: 60_000,
        poll: async () => {
          const result = await fetchNewMessages(sessionId, this.state().after);
          if (result === null) {
            this.setData({ handoffNote: `工作人员会尽快打电话联系您。着急请拨打热线 ${this.data.hotline}。` });
            return 'stop';
          }
          // The resident's own messages and the assistant's replies are on screen already
          // (they came with the POST answers); only a person's replies are new.
          const shown = new Set(this.state().messages.map((m) => m.id));
          const incoming = result.messages.filter((m) => m.sender === 'operator' && !shown.has(`srv-${m.id}`));
          const last = result.messages[result.messages.length - 1];
          if (incoming.length || last) {
            this.update({
              messages: [...this.state().messages, ...incoming.map((m) => ({ id: `srv-${m.id}`, from: 'staff' as const, text: m.text, at: m.at }))],
              after: last?.id ?? this.state().after,
            });
          }
          if (result.operatorJoined) this.setData({ handoffNote: '工作人员已接入，正在为您服务。' });
          if (result.closed || !result.handedOff) {
            const ended: ChatMessage = { id: localId(), from: 'bot', text: `人工服务已结束。还有问题可以接着问我，或拨打热线 ${this.data.hotline}。`, at: new Date().toISOString() };
            this.update({ handoff: false, messages: [...this.state().messages, ended] });
            this.setData({ handoffNote: '' });
            return 'stop';
          }
          return 'continue';
        },
      });
      pollers.set(this, poller);
      poller.start();
    },
    stopPolling() {
      pollers.get(this)?.stop();
    },
  },
});
