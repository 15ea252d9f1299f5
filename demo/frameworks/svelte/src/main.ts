import 'aniapi-elements'; // registers <aniapi-login> and <aniapi-callback>
import { mount } from 'svelte';
import App from './App.svelte';

export default mount(App, { target: document.getElementById('app')! });
